"""The pack format: good files load; every broken file names its file and line."""

import pytest

from knowledge.loader import PackError, load_pack, parse
from knowledge.model import Kind, Status, Verdict, rule_key

GOOD = """---
id: test-rules
title: Test Rules
kind: rulebook
issuer: Nobody
applies_to: [AIS]
code: AIS
status: in_force
---
Intro paragraph.

## AIS 7 — Criticism of Government
Text of seven.

```niyam
verified: false
notes: recollection only
guidance:
  concern: criticism_of_policy
  verdict: not_allowed
  catches: ["a", "b", "c"]
  does_not_catch: ["d", {text: "e", verdict: allowed_with_care}]
```

### AIS 7(i) — First limb
Text of the first limb.
"""


def test_good_file_loads_sections_in_order_with_guidance():
    doc = parse(GOOD, "good.md")
    assert doc.kind is Kind.rulebook and doc.code == "AIS" and doc.notes == "Intro paragraph."
    assert [s.ref for s in doc.sections] == ["AIS 7", "AIS 7(i)"]
    s7 = doc.sections[0]
    assert s7.text == "Text of seven." and s7.verified is False and s7.line == 12
    assert s7.guidance[0].verdict is Verdict.not_allowed
    assert [e.verdict for e in s7.guidance[0].negatives()] == [Verdict.allowed, Verdict.allowed_with_care]
    assert s7.effective_status(doc) is Status.in_force


@pytest.mark.parametrize(
    "mutate, line, words",
    [
        (lambda t: t.replace("kind: rulebook", "kind: novel"), 4, "kind"),
        (lambda t: t.replace("applies_to: [AIS]", "applies_to: [AIS"), 7, "invalid YAML"),
        (lambda t: t.replace("## AIS 7(i) — First limb", "## AIS 7 — Again").replace("### AIS 7(i)", "### AIS 7"), 25, "duplicate ref"),
        (lambda t: t.replace("## AIS 7 — Criticism", "## CCS 9 — Criticism"), 12, "must start with the document code"),
        (lambda t: t.replace("verdict: not_allowed", "verdict: maybe"), 20, "verdict: Input should be"),
        (lambda t: t.replace("Text of the first limb.", ""), 25, "has no text"),
        (lambda t: t.replace("### AIS 7(i) — First limb", "### AIS 7(i) First limb"), 25, "REF — Title"),
        (lambda t: t[4:], 1, "front matter"),
        (lambda t: t.rstrip("\n") .replace("```\n\n###", "\n\n###"), 15, "not closed"),
    ],
)
def test_broken_files_name_file_and_line(mutate, line, words):
    with pytest.raises(PackError) as e:
        parse(mutate(GOOD), "broken.md")
    assert e.value.path == "broken.md"
    assert e.value.line == line, str(e.value)
    assert words in str(e.value)


def test_non_utf8_file_is_reported_with_its_line(tmp_path):
    p = tmp_path / "bad.md"
    p.write_bytes(GOOD.encode().replace(b"Text of seven.", b"Text \xff seven."))
    with pytest.raises(PackError) as e:
        load_pack(tmp_path)
    assert e.value.line == 13 and "UTF-8" in str(e.value)


def test_duplicate_document_ids_in_a_pack(tmp_path):
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / "b.md").write_text(GOOD)
    with pytest.raises(PackError, match="duplicate document id"):
        load_pack(tmp_path)


def test_rule_key():
    assert rule_key("AIS 3(1A)(ii)") == "AIS 3"
    assert rule_key("CCS 13A") == "CCS 13A"
    assert rule_key("AIS 7 proviso") == "AIS 7"
    assert rule_key("mha-social-media-2014 para 2") == "mha-social-media-2014 para 2"


def test_bundled_pack_loads_with_unique_refs():
    docs = load_pack()
    assert docs, "the bundled pack is empty"
    refs = [(d.id, s.ref) for d in docs for s in d.sections]
    assert len(refs) == len(set(refs))
