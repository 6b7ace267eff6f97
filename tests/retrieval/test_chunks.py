from knowledge.loader import load_pack
from retrieval.chunks import document_chunks
from tests.retrieval.conftest import MINI


def test_one_chunk_per_section_with_filterable_metadata():
    docs = load_pack(MINI)
    sections, examples = document_chunks(docs, {"out_of_scope": ["What is the weather?"]})
    assert [c.metadata["ref"] for c in sections] == ["CCS 9", "AIS 7", "AIS 9", "AIS 11"]
    a7 = next(c for c in sections if c.metadata["ref"] == "AIS 7")
    assert a7.metadata["rulebook"] == "AIS" and a7.metadata["rule"] == "7"
    assert a7.metadata["applies_AIS"] is True and a7.metadata["applies_CCS"] is False
    assert a7.metadata["section_text"] in a7.text  # excerpts are cut from text that is indexed
    assert len(examples) == 5 + 1
    assert {e.metadata["polarity"] for e in examples} == {"catch", "miss", "scope"}


def test_hash_changes_with_content_only():
    docs = load_pack(MINI)
    first = {c.id: c.hash for c in document_chunks(docs)[0]}
    again = {c.id: c.hash for c in document_chunks(load_pack(MINI))[0]}
    assert first == again
    docs[1].sections[0].text += " Changed."
    changed = {c.id: c.hash for c in document_chunks(docs)[0]}
    assert [k for k in first if first[k] != changed[k]] == ["mini-rules::AIS 7"]
