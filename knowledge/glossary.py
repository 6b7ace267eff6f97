"""The pack's bilingual glossary: Devanagari and Hinglish words mapped to the English words Niyam reads.

Kept in the pack (`glossary.yaml`) because which words matter is domain knowledge; validated here with
file:line errors like every pack file. `retrieval/reading.py` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.loader import PackError, default_pack_dir


class _WordLoader(yaml.SafeLoader):
    """YAML without its implicit booleans and nulls: in a glossary `on`, `no`, `yes` and `null` are words. A key
    written twice is an error: YAML would keep the second list and silently drop every variant of the first."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"{key!r} is listed twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_WordLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(text: str, path: Path):
    try:
        return yaml.load(text, Loader=_WordLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise PackError(path, 1 + (mark.line if mark else 0), f"invalid YAML: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise PackError(path, 1, f"invalid YAML: {e}") from None


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, str] = field(default_factory=dict)  # variant -> English, applied to every text
    hinglish_only: dict[str, str] = field(default_factory=dict)  # variant -> English, only in Hinglish text
    hinglish_markers: tuple[str, ...] = ()  # words that mark a Latin-script text as Hinglish


def _line_of(lines: list[str], needle: str) -> int:
    for n, line in enumerate(lines, start=1):
        if needle in line:
            return n
    return 1


def load_glossary(path: str | Path | None = None) -> Glossary:
    path = Path(path) if path else default_pack_dir() / "glossary.yaml"
    if not path.exists():
        return Glossary()
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    data = _load(text, path) or {}
    if not isinstance(data, dict):
        raise PackError(path, 1, "expected a mapping with `terms`, `hinglish_only` and `hinglish_markers`")
    unknown = set(data) - {"terms", "hinglish_only", "hinglish_markers"}
    if unknown:
        key = sorted(unknown)[0]
        raise PackError(path, _line_of(lines, f"{key}:"), f"unknown key {key!r}")
    maps: dict[str, dict[str, str]] = {"terms": {}, "hinglish_only": {}}
    seen: dict[str, str] = {}
    for section in maps:
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            raise PackError(path, _line_of(lines, f"{section}:"), f"`{section}` must map English words to lists")
        for english, variants in entries.items():
            if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
                raise PackError(path, _line_of(lines, f"{english}:"),
                                f"{english!r}: the variants must be a list of non-empty strings")
            for v in variants:
                key = v.strip().lower()
                if key in seen and seen[key] != str(english):
                    raise PackError(path, _line_of(lines, v), f"{v!r} means both {seen[key]!r} and {english!r}")
                seen[key] = str(english)
                maps[section][key] = str(english)
    markers = data.get("hinglish_markers") or []
    if not isinstance(markers, list) or not all(isinstance(m, str) for m in markers):
        raise PackError(path, _line_of(lines, "hinglish_markers:"), "`hinglish_markers` must be a list of words")
    return Glossary(maps["terms"], maps["hinglish_only"], tuple(m.lower() for m in markers))
