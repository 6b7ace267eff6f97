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


def test_hindi_and_hinglish_examples_are_embedded_as_read():
    """Questions are embedded as the reader renders them, so the pack's Hindi and Hinglish examples must be too:
    the stored text stays as written (search and quotes use it), only the embedded text is the reading."""
    from retrieval.reading import english_reading

    scope = {"out_of_scope": ["फ़ेसबुक का पासवर्ड कैसे बदलें?", "Mujhe mera FB ka password yaad nahi hai, kaise badlun?",
                              "What is the weather?"]}
    _, examples = document_chunks(load_pack(MINI), scope, read=english_reading)
    hindi, hinglish, english = (next(c for c in examples if c.text == t) for t in scope["out_of_scope"])
    assert hindi.embedded != hindi.text and "password" in hindi.embedded.lower()
    assert hinglish.embedded != hinglish.text
    assert english.embedded == english.text and english.vector_text == ""
    plain = {c.text: c for c in document_chunks(load_pack(MINI), scope)[1]}
    # a reading of its own gives the chunk its own embedding key (a glossary change re-embeds it) and hash
    assert hindi.embed_key != plain[hindi.text].embed_key and hindi.hash != plain[hindi.text].hash
    assert english.embed_key == plain[english.text].embed_key
