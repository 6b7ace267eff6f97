"""Hindi and Hinglish read as the English the models know.

The embedding model (all-MiniLM-L6-v2) is English-only: Devanagari becomes unknown tokens, and Hinglish
("sarkar ki niti pe post") lands near nothing useful. Before anything reads a question, its words are mapped
through the pack's bilingual glossary (`knowledge/pack/glossary.yaml`: English words and the Devanagari and
Hinglish variants that mean them) into a rough English gloss, so "क्या मैं सरकार की नीति की आलोचना फेसबुक पर
कर सकता हूँ" reads as "can I government of policy of criticism facebook on do". A Devanagari word the glossary
lacks is transliterated (indic-transliteration) so that its Hinglish spelling can still match. The same
reading is applied to the pack's examples when the classifier is fitted, so both sides meet in one form.
The domain stays in the pack: this module knows scripts, not words.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from knowledge.glossary import Glossary, load_glossary

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN = re.compile(r"[A-Za-z]")
# A word: Latin letters/digits (with inner apostrophes), or a run of Devanagari letters and signs.
_WORD = re.compile(r"[\u0900-\u0963\u0971-\u097F]+|[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_NUKTA = {"\u0958": "\u0915", "\u0959": "\u0916", "\u095A": "\u0917", "\u095B": "\u091C", "\u095C": "\u0921",
          "\u095D": "\u0922", "\u095E": "\u092B", "\u095F": "\u092F"}
MAX_PHRASE = 4  # glossary phrases are matched up to this many words


def fold(word: str) -> str:
    """One spelling of a word for lookups: lower case; Devanagari without nukta dots, with candrabindu as
    anusvara and with the short/long vowel signs that officers mix (ि/ी, ु/ू) kept apart only where they
    spell differently in print, so फ़ेसबुक and फेसबुक, हूँ and हूं meet."""
    w = unicodedata.normalize("NFC", word).lower().translate(_DIGITS)
    if _DEVANAGARI.search(w):
        w = "".join(_NUKTA.get(ch, ch) for ch in unicodedata.normalize("NFD", w))
        w = w.replace("\u093C", "").replace("\u0901", "\u0902")
        w = unicodedata.normalize("NFC", w)
    return w


@dataclass(frozen=True)
class Reading:
    """A text as the models read it, with the language it was written in."""

    original: str
    text: str  # Hindi and Hinglish words replaced by their English glosses; English text unchanged
    lang: str  # "en", "hinglish" or "hi"

    @property
    def answer_lang(self) -> str:
        """The language of the answer's own words: Hindi for Devanagari, English otherwise (Hinglish askers
        read English labels; they can choose Hindi)."""
        return "hi" if self.lang == "hi" else "en"


class Reader:
    """Reads text through one glossary; cheap to call per question (a dictionary look-up per word)."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._always = {tuple(fold(w) for w in _WORD.findall(v)): en for v, en in glossary.terms.items()}
        self._hinglish = dict(self._always)
        self._hinglish.update({tuple(fold(w) for w in _WORD.findall(v)): en
                               for v, en in glossary.hinglish_only.items()})
        self._markers = {fold(m) for m in glossary.hinglish_markers}
        self.fingerprint = hashlib.sha256(repr((sorted(glossary.terms.items()), sorted(glossary.hinglish_only.items()),
                                                glossary.hinglish_markers)).encode()).hexdigest()[:16]

    def language(self, text: str) -> str:
        devanagari = len(_DEVANAGARI.findall(text))
        latin = len(_LATIN.findall(text))
        if devanagari and devanagari >= 0.25 * (devanagari + latin):
            return "hi"
        words = [fold(w) for w in _WORD.findall(text)]
        markers = sum(w in self._markers for w in words)
        if markers >= 2 and markers >= 0.08 * len(words):
            return "hinglish"
        return "en"

    def read(self, text: str) -> Reading:
        lang = self.language(text)
        table = self._hinglish if lang != "en" else self._always
        out: list[str] = []
        pos = 0
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            m = words[i]
            out.append(text[pos:m.start()])
            hit = None
            for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
                span = words[i:i + n]
                # a phrase may cross spaces only, never punctuation
                if n > 1 and any(text[a.end():b.start()].strip() for a, b in zip(span, span[1:], strict=False)):
                    continue
                key = tuple(fold(w.group()) for w in span)
                if key in table:
                    hit = (table[key], n)
                    break
            if hit:
                out.append(hit[0])
                pos = words[i + hit[1] - 1].end()
                i += hit[1]
                continue
            word = m.group()
            if _DEVANAGARI.search(word):
                roman = romanize(fold(word))
                word = table.get((roman,), roman)
            out.append(word)
            pos = m.end()
            i += 1
        out.append(text[pos:])
        glossed = "".join(out).translate(_DIGITS)
        return Reading(original=text, text=glossed, lang=lang)


@lru_cache(maxsize=4096)
def romanize(word: str) -> str:
    """A Devanagari word in the Latin spelling Hinglish writers use: ITRANS without its capitals and marks,
    with the inherent vowel dropped at the end (सरकार -> sarkaar is too much to ask; sarakar is close enough for
    character n-grams)."""
    from indic_transliteration.sanscript import DEVANAGARI, ITRANS, transliterate

    s = transliterate(word, DEVANAGARI, ITRANS)
    s = s.replace(".N", "n").replace(".n", "n").replace("M", "n").replace("~", "")
    s = re.sub(r"[^A-Za-z]", "", s).lower()
    if len(s) > 2 and s.endswith("a") and not word.endswith("\u093E"):
        s = s[:-1]
    return s


@lru_cache(maxsize=1)
def default_reader() -> Reader:
    """The reader over the bundled pack's glossary."""
    return Reader(load_glossary())
