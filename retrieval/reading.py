"""Hindi and Hinglish read as the English the models know.

The embedding model (all-MiniLM-L6-v2) is English-only: Devanagari becomes unknown tokens, and Hinglish
("sarkar ki niti pe post") lands near nothing useful. Before anything reads a question, its words are mapped
through the pack's bilingual glossary (`knowledge/pack/glossary.yaml`: English words and the Devanagari and
Hinglish variants that mean them) into a rough English gloss, so "क्या मैं सरकार की नीति की आलोचना फेसबुक पर
कर सकता हूँ" reads as "can I government of policy of criticism facebook on do". A Devanagari word the glossary
lacks is transliterated (indic-transliteration) so that its Hinglish spelling can still match. The same
reading is applied to the pack's examples and to indexed Hindi text, both when they are embedded
(`english_reading`, at index build) and when the classifier is fitted, so both sides meet in one form.
The domain stays in the pack: this module knows scripts, not words.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.glossary import Glossary, load_glossary
from retrieval.loanwords import Loanwords, acronym, load_pronunciations
from retrieval.word_order import Word, english_order

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN = re.compile(r"[A-Za-z]")
# A word: Latin letters/digits (with inner apostrophes), or a run of Devanagari letters and signs.
# A number with its separators (2,000; 14.6) is one word: "2,000 से" is "from 2,000", not "2,from 000".
_WORD = re.compile(r"[\u0900-\u0963\u0971-\u097F]+|[0-9]+(?:[,.][0-9]+)+|[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_ACRONYM = re.compile(r"[A-Z]{2,}")
_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_NUKTA = {"\u0958": "\u0915", "\u0959": "\u0916", "\u095A": "\u0917", "\u095B": "\u091C", "\u095C": "\u0921",
          "\u095D": "\u0922", "\u095E": "\u092B", "\u095F": "\u092F"}
MAX_PHRASE = 4  # glossary phrases are matched up to this many words

# Inflectional endings, longest first: verb forms (करना करने करता करती करते किया करेगा करूँगा करके), plural and
# oblique nouns (किताबें किताबों नीतियाँ नीतियों), adjectives (अच्छा अच्छी अच्छे). The glossary lists a word's
# common forms; a form it does not list is read by its stem, so one entry covers a whole paradigm. The lists
# follow the light stemmers of Hindi IR (Ramanathan and Rao 2003; Snowball's Hindi stemmer), written in the
# spelling `fold` leaves (ं for ँ); Hinglish gets the same endings in Latin letters.
_HI_SUFFIXES = tuple(sorted({
    "ाएंगी", "ाएंगे", "ाऊंगी", "ाऊंगा", "ाइयां", "ाइयों", "ाइए",
    "एंगी", "ेंगी", "एंगे", "ेंगे", "ूंगी", "ूंगा", "ातीं", "ताओं", "ताएं", "ियां", "ियों", "िएगा", "वाना", "वाया",
    "ाकर", "ाईं", "ाया", "ेगी", "ेगा", "ोगी", "ोगे", "ाने", "ाना", "ाते", "ाती", "ाता", "तीं", "ाओं", "ाएं",
    "ुओं", "ुएं", "ाओ", "िए", "ाई", "ाए", "कर", "के", "ने", "नी", "ना", "ते", "ीं", "ती", "ता", "ां", "ों", "ें",
    "या", "यी", "ये", "ी", "े", "ा",
}, key=len, reverse=True))
_LATIN_SUFFIXES = tuple(sorted({
    "iyaan", "iyon", "iyan", "ayenge", "ayengi", "aunga", "aungi", "enge", "engi", "unga", "ungi", "oge", "ogi",
    "ega", "egi", "wana", "vana", "waya", "vaya", "kar", "ke", "na", "ne", "ni", "ta", "ti", "te", "ya", "yi",
    "ye", "on", "en", "ein", "ain", "a", "i", "e",
}, key=len, reverse=True))
_DEVANAGARI_LETTER = re.compile(r"[\u0905-\u0939\u0958-\u095F]")
# ऑ and its sign ॉ spell only the English open o (कॉल, ऑफिस, पॉलिसी): a word with them is English written in
# Devanagari, read by its sound before any Hindi word spelt alike in Latin letters (कॉल is call, not kal).
_ENGLISH_O = re.compile(r"[\u0911\u0949]")
# The polite imperative (चलिए, दीजिए, बताइए; chaliye, dijiye): a request to the reader, which English says with
# the bare verb or "please". The glossary reads चलिए as "go", so "सब चलिए" (let's all go) read "all go"; the
# request is kept as "please go". Only this ending (-ें and -ो are also subjunctive, numbers (दो) or plurals), and
# not where it spells a past participle of a one-letter stem (दिए, किए: gave, did), लिए (for) or चाहिए (should).
_IMPERATIVE = re.compile(r"(?:\u093F|\u0907)(?:\u090F|\u092F\u0947)$|(?<=..)iye$")  # -िए -इए -िये, -iye
_NOT_IMPERATIVE = re.compile(r"^(?:लिए|लिये|चाहिए|चाहिये|liye|chahiye|chaahiye)$|(?:सलिए|सलिये|sliye)$")  # इसलिए
PLEASE = "please"
# A yes/no question opened by क्या / kya ("क्या अनुमति चाहिए?"): Hindi may put the particle first or last, and
# the glossary reads it where Hinglish writers put it, last ("chahiye kya": do i need). A sentence with another
# question word keeps its क्या (a "what").
_PARTICLE = re.compile(r"(^|[।|!?.\n:—–-]\s*|[\"“‘']\s*)(क्या|kya|kyaa)\s+([^।|!?.\n\"“”]+?)\s*\?", re.I)
_WH = re.compile(r"(?<![\u0900-\u097F])(कौन|कैसे|कैसा|कैसी|कब|कहां|कहाँ|क्यों|कितना|कितनी|कितने|किस|किसे|किसको)"
                 r"(?![\u0900-\u097F])|\b(kaun|kaise|kab|kahan|kyun|kyon|kitna|kitni|kitne|kis|kise)\b", re.I)


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


def stem(word: str) -> str:
    """A folded word without its inflectional ending, when at least two letters are left: करूंगा, करना and
    करके meet at कर; likhkar, likhna and likha at likh. Not a lemma, only a key both sides of a look-up share."""
    if _DEVANAGARI.search(word):
        for suffix in _HI_SUFFIXES:
            if word.endswith(suffix) and len(_DEVANAGARI_LETTER.findall(word[: -len(suffix)])) >= 2:
                return word[: -len(suffix)]
        return word
    for suffix in _LATIN_SUFFIXES:
        rest = word[: -len(suffix)]
        # -kar/-ke follow a verb's last consonant (likhkar, dekhke); after a vowel they belong to the word
        if word.endswith(suffix) and len(rest) >= 3 and not (suffix[0] == "k" and rest[-1] in "aeiou"):
            return rest
    return word


def spelling(word: str) -> str:
    """A Latin spelling of a Hindi word reduced to what Hinglish writers agree on: doubled letters single (aa as
    a: daalna, dalna), w as v, z as j, ph as f, q as k, ee as i, oo as u, so the romanised Devanagari and the ways
    people type it meet."""
    w = word.replace("ph", "f").replace("ee", "i").replace("oo", "u").replace("w", "v").replace("z", "j")
    return re.sub(r"(.)\1+", r"\1", w.replace("q", "k"))


_SCHWA = re.compile(r"(?<=.)a(?![aeiou])")


def unvowelled(word: str) -> str:
    """A Hinglish word as texters shorten it, without the short a between consonants and at the end: kar, krna
    and karna become kr and krn; sakta and skta skt; raha rh; kya ky. An a before another vowel stays (kamai
    is kmai, not kami)."""
    return _SCHWA.sub("", spelling(word))


def _keys(table: dict[tuple[str, ...], str], key, short: int = 3) -> dict[str, str]:
    """One-word variants by `key` (a stem, a spelling), keeping only keys of `short` letters or more whose
    variants all mean one thing."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for words, english in table.items():
        if len(words) != 1:
            continue
        k = key(words[0])
        if k in clash or len(k) < short:
            continue
        if out.setdefault(k, english) != english:
            clash.add(k)
            del out[k]
    return out


@dataclass(frozen=True)
class Reading:
    """A text as the models read it, with the language it was written in."""

    original: str
    text: str  # Hindi and Hinglish words replaced by their English glosses; English text unchanged
    lang: str  # "en", "hinglish" or "hi"
    unread: tuple[str, ...] = ()  # Devanagari words the glossary did not know (passed on romanised)

    @property
    def answer_lang(self) -> str:
        """The language of the answer's own words: Hindi for Devanagari, English otherwise (Hinglish askers
        read English labels; they can choose Hindi)."""
        return "hi" if self.lang == "hi" else "en"


class Reader:
    """Reads text through one glossary; cheap to call per question (a dictionary look-up per word)."""

    def __init__(self, glossary: Glossary, known: Collection[str] = (), names: Mapping[str, str] | None = None,
                 loanwords: Loanwords | None = None):
        """`known`: the words the embedding model reads as they are (its whole-word vocabulary); a Latin word
        among them is English to it and never read as an inflected Hinglish word. `names`: proper names in
        Devanagari and their English spelling (the States), read like the glossary's terms. `loanwords`: English
        words by their sound, to read a Devanagari word the glossary lacks as the English word it spells."""
        self.glossary = glossary
        self._loanwords = loanwords
        terms = {**(names or {}), **glossary.terms}
        self._always = {tuple(fold(w) for w in _WORD.findall(v)): en for v, en in terms.items()}
        self._hinglish = dict(self._always)
        self._hinglish.update({tuple(fold(w) for w in _WORD.findall(v)): en
                               for v, en in glossary.hinglish_only.items()})
        self._markers = {fold(m) for m in glossary.hinglish_markers}
        # Hinglish words that are also English words: in capitals they are an acronym (AAP, IS), never glossed
        self._ambiguous = set(self._hinglish) - set(self._always)
        self._known = frozenset(w.lower() for w in known)
        latin = {k: v for k, v in self._hinglish.items() if not _DEVANAGARI.search(k[0])}
        self._stems = _keys({k: v for k, v in self._always.items() if _DEVANAGARI.search(k[0])}, stem)
        self._spellings = _keys(latin, spelling)
        self._latin_stems = _keys(latin, lambda w: spelling(stem(w)))
        self._shortened = _keys(latin, unvowelled, short=2)
        # how many a's the longest spelling behind each shortened form has: a word read as shortened must have
        # fewer (skta for sakta), never as many (kami is not kamai)
        self._full_as: dict[str, int] = {}
        # ...and the letters those spellings end in: texters drop the a's inside a word, never its last letter
        # (kr for kar, rha for raha; Chand is a name, not chanda)
        self._full_ends: dict[str, set[str]] = {}
        # the romanised Devanagari spellings of each meaning: a Devanagari word read through a Latin spelling must
        # not be another word the glossary spells in Devanagari with another a (कमल, lotus, is not कमाल, kamal)
        self._devanagari_spellings: dict[str, set[str]] = {}
        for words, english in self._always.items():
            if len(words) == 1 and _DEVANAGARI.search(words[0]):
                self._devanagari_spellings.setdefault(english, set()).add(romanize(words[0]))
        for words in latin:
            if len(words) == 1:
                k = unvowelled(words[0])
                self._full_as[k] = max(self._full_as.get(k, 0), spelling(words[0]).count("a"))
                self._full_ends.setdefault(k, set()).add(spelling(words[0])[-1:])
        self.fingerprint = hashlib.sha256(repr((sorted(glossary.terms.items()), sorted(glossary.hinglish_only.items()),
                                                glossary.hinglish_markers, sorted(self._known),
                                                sorted((names or {}).items()), _rules_version(),
                                                loanwords.fingerprint if loanwords else "")).encode()
                                          ).hexdigest()[:16]

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

    def read(self, text: str, within: str | None = None) -> Reading:
        """`text` as the models read it. `within`: the language of the text it was cut from (a sentence of a
        long draft): a sentence of a Hinglish draft with one Hinglish word of its own is read as Hinglish, since
        a short sentence ("Hassan me 30 saal ...") rarely carries the two markers a whole text needs."""
        original = text
        lang = self.language(text)
        if lang == "en" and within == "hinglish" and any(fold(w) in self._markers for w in _WORD.findall(text)):
            lang = "hinglish"
        table = self._hinglish if lang != "en" else self._always
        if lang != "en":
            text = self._particle_last(text, table)
        pieces: list[tuple[str, Word]] = []  # each word with the text between it and the word before
        unread: list[str] = []
        pos = 0
        words = list(_WORD.finditer(text))
        shouting = lang == "hinglish" and text.isupper()  # typed in capitals: no acronyms to tell apart
        i = 0
        while i < len(words):
            m = words[i]
            hit = None
            for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
                span = words[i:i + n]
                # a phrase may cross spaces and hyphens (ग्रुप-सी), never other punctuation
                if n > 1 and any(text[a.end():b.start()].strip().strip("-") or text[a.end():b.start()].count("-") > 1
                                 for a, b in zip(span, span[1:], strict=False)):
                    continue
                key = tuple(fold(w.group()) for w in span)
                if key in table:
                    if n == 1 and key in self._ambiguous and not shouting and _ACRONYM.fullmatch(span[0].group()):
                        break  # AAP the party, not aap (you); IS, not is
                    hit = (table[key], n)
                    break
            if hit:
                english = hit[0]
                if lang != "en" and english and _imperative(fold(words[i + hit[1] - 1].group())) and \
                        not any(PLEASE in w.text.split() for _, w in pieces[-3:]) and not english.startswith(PLEASE):
                    english = f"{PLEASE} {english}"  # कृपया दान दीजिए is already "please donation give"
                pieces.append((text[pos:m.start()], Word(english, glossed=True)))
                pos = words[i + hit[1] - 1].end()
                i += hit[1]
                continue
            word = m.group()
            if _DEVANAGARI.search(word):
                word = self._devanagari(word, table, unread)
            elif lang == "hinglish":
                word = self._hinglish_word(word, shouting)
            pieces.append((text[pos:m.start()], Word(word)))
            pos = m.end()
            i += 1
        glossed = (_join(pieces) if lang == "en" else _reordered(pieces)) + text[pos:]
        return Reading(original=original, text=glossed.translate(_DIGITS), lang=lang, unread=tuple(unread))

    def _particle_last(self, text: str, table: dict[tuple[str, ...], str]) -> str:
        """A yes/no question's opening क्या / kya read where Hinglish writers put it, last, when the glossary
        reads it there with the verb ("क्या अनुमति चाहिए?" as "अनुमति चाहिए क्या?": permission do i need), and
        otherwise not read at all (it is no "what"); kept where it begins a phrase of the glossary (क्या मैं:
        can i) or the question has a question word of its own."""
        def move(m: re.Match) -> str:
            body = m.group(3)
            words = [fold(w) for w in _WORD.findall(body)]
            particle = fold(m.group(2))
            if _WH.search(body) or not words or (particle, words[0]) in table:
                return m.group(0)
            if _joins_phrase([*words[-(MAX_PHRASE - 1):], particle], table):
                return f"{m.group(1)}{body} {m.group(2)}?"
            return f"{m.group(1)}{body}?"

        return _PARTICLE.sub(move, text)

    def _devanagari(self, word: str, table: dict[tuple[str, ...], str], unread: list[str]) -> str:
        """A Devanagari word the glossary does not list: by its stem, then by its romanised spelling, then as an
        acronym spelt in letter names (आरटीआई) or an English word written in Devanagari (सेक्शन ऑफ़िसर); unread
        (and passed on romanised) when none is known."""
        folded = fold(word)
        loanwords = self._loanwords
        sounded = loanwords is not None and bool(_ENGLISH_O.search(word))  # read by its sound first
        if loanwords is not None and sounded:
            english = loanwords.english(word)
            if english is not None:
                return english
        root = stem(folded)
        english = self._stems.get(root) if root != folded else None
        if english is not None:
            return english
        roman = romanize(folded)
        english = table.get((roman,)) or self._by_spelling(roman)
        if english is not None and root == folded and self._spelt_otherwise(roman, english):
            english = None
        if english is None:
            english = acronym(word)
        if english is None and loanwords is not None and not sounded:  # not asked twice
            english = loanwords.english(word)
        if english is None:
            unread.append(word)
            return roman
        return english

    def _spelt_otherwise(self, roman: str, english: str) -> bool:
        """Whether the glossary writes the word meaning `english` in Devanagari with other vowels than a Devanagari
        word romanised as `roman`: Latin spellings drop the long a (kamal for कमाल), Devanagari never does, so a
        Devanagari word that meets a Latin spelling only by that loss is another word. Asked of bare words only:
        the glossary lists a bare word's spelling, not every inflected form's (लगाती is लगाना's, not लगती's)."""
        spellings = self._devanagari_spellings.get(english, set())
        return roman not in spellings and any(spelling(s) == spelling(roman) for s in spellings)

    def _hinglish_word(self, word: str, shouting: bool = False) -> str:
        """A Latin word of a Hinglish text the glossary does not list: English if the model knows it, else read
        by its spelling (another spelling or another form of a glossary word) or as a shortened glossary word
        (kr, skta, rha), else left as it is."""
        folded = fold(word)
        if folded in self._known or len(folded) < 2 or not folded.isalpha() or \
                (_ACRONYM.fullmatch(word) and not shouting):
            return word
        english = self._by_spelling(folded) if len(folded) >= 3 else None
        if english is None:
            short = unvowelled(folded)
            if spelling(folded).count("a") < self._full_as.get(short, 0) and \
                    spelling(folded)[-1:] in self._full_ends.get(short, ()):
                english = self._shortened.get(short)
        return english or word

    def _by_spelling(self, word: str) -> str | None:
        """The glossary word spelt alike (another spelling of the same form), else, for an inflected word,
        the word whose forms share its stem. A bare word is never read as another word's stem (सार is not
        सारा), and a stem the glossary gives two meanings is not read at all."""
        english = self._spellings.get(spelling(word))
        if english is None and stem(word) != word:
            english = self._latin_stems.get(spelling(stem(word)))
        return english


@lru_cache(maxsize=1)
def _rules_version() -> str:
    """The reading rules' own source: a reading cached under another version of them (a fitted model) is stale."""
    from retrieval import loanwords, word_order

    return hashlib.sha256(Path(__file__).read_bytes() + Path(word_order.__file__).read_bytes()
                          + Path(loanwords.__file__).read_bytes()).hexdigest()[:16]


def _join(pieces: list[tuple[str, Word]]) -> str:
    return "".join(sep + w.text for sep, w in pieces)


def _imperative(word: str) -> bool:
    """Whether a folded word is a polite imperative (दीजिए, चलिए, बताइए, dijiye, chaliye)."""
    m = _IMPERATIVE.search(word)
    if m is None or _NOT_IMPERATIVE.search(word):
        return False
    return not _DEVANAGARI.search(word) or len(_DEVANAGARI_LETTER.findall(word[: m.start() + 1])) >= 2


def _joins_phrase(words: list[str], table: Collection[tuple[str, ...]]) -> bool:
    """Whether the last word, read as `Reader.read` reads (the longest phrase first, left to right), is read
    inside a phrase of several words."""
    i = 0
    while i < len(words):
        n = next((n for n in range(min(MAX_PHRASE, len(words) - i), 1, -1) if tuple(words[i:i + n]) in table), 1)
        if i + n == len(words):
            return n > 1
        i += n
    return False


def _once(words: list[str]) -> list[str]:
    """A gloss said twice running said once: a Hindi verb and its helper glossed alike (जवाब दे दूँ: "reply give
    give"; पोस्ट डाल दूँ: "post post") or an adjective glossed like the pronoun before it."""
    out: list[str] = []
    for w in words:
        if not out or w.lower() != out[-1].lower():
            out.append(w)
    return out


def _reordered(pieces: list[tuple[str, Word]]) -> str:
    """The pieces with each clause (words with only spaces between them) in English order (`word_order`)."""
    out: list[str] = []
    clause: list[Word] = []
    for n, (sep, w) in enumerate(pieces):
        if n and sep.strip() == "" and sep:
            clause.append(w)
            continue
        if n and sep == "-" and clause and w.text:  # a hyphenated word (PM-KISAN, day-night) is one word
            clause[-1] = Word(f"{clause[-1].text}-{w.text}")
            continue
        if clause:
            out.append(" ".join(_once(english_order(clause))))
        out.append(sep)
        clause = [w]
    if clause:
        out.append(" ".join(_once(english_order(clause))))
    return "".join(out)


@lru_cache(maxsize=4096)
def romanize(word: str) -> str:
    """A Devanagari word in the Latin spelling Hinglish writers use: ITRANS without its capitals and marks,
    with the long a doubled and the inherent vowel dropped at the end (सरकार -> sarakaar, कार -> kaar: not
    kar, which is "do"); `sound` then meets the ways people type it (sarkar)."""
    from indic_transliteration.sanscript import DEVANAGARI, ITRANS, transliterate

    s = transliterate(word, DEVANAGARI, ITRANS)
    s = s.replace(".N", "n").replace(".n", "n").replace("M", "n").replace("~", "").replace("A", "aa")
    s = re.sub(r"[^A-Za-z]", "", s).lower()
    if len(s) > 2 and s.endswith("a") and not word.endswith("\u093E"):
        s = s[:-1]
    return s


@lru_cache(maxsize=1)
def default_reader() -> Reader:
    """The reader over the bundled pack's glossary, the embedding model's vocabulary (and the pronunciations of
    its words, for English written in Devanagari) and the States' names."""
    vocabulary = model_vocabulary()
    glossary = load_glossary()
    extra = words_in_pieces(vocabulary, glossary)
    return Reader(glossary, frozenset(vocabulary), state_names(),
                  Loanwords(load_pronunciations((*vocabulary, *extra)), vocabulary, extra))


_LOWER_WORD = re.compile(r"(?<![A-Za-z'’-])[a-z]{4,}(?![A-Za-z'’-])")
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}")


def words_in_pieces(vocabulary: Collection[str], glossary: Glossary) -> tuple[str, ...]:
    """English words the model reads in pieces, for `Loanwords` to offer after its whole words: the words of the
    bundled pack's texts (subscribe, selfie, hashtag, upload: the pack's own subject). Kept out: proper names (a
    word the pack writes capitalised mid-sentence) and the glossary's Hinglish words (bina, sarkar), which are Hindi.
    Not every English word: cmudict's other words (names, regular forms) read more real Hindi words as English
    (कमर as comer, पीकर as picker) than they recover."""
    from knowledge.loader import default_pack_dir

    whole = set(vocabulary)
    english = {w.lower() for e in (*glossary.terms.values(), *glossary.hinglish_only.values()) for w in _WORD.findall(e)}
    hindi = {w for v in (*glossary.terms, *glossary.hinglish_only) for w in _WORD.findall(v)
             if not _DEVANAGARI.search(w)} - english  # sarkar, not monetise (a gloss too)
    lower: dict[str, None] = {}
    names: set[str] = set()
    for path in sorted(default_pack_dir().glob("*.md")):
        text = path.read_text(encoding="utf-8")
        lower.update(dict.fromkeys(_LOWER_WORD.findall(text)))
        names.update(w.lower() for w in _NAME.findall(text))
    pack = [w for w in lower if w not in whole and w not in hindi and w not in names]
    return tuple(pack)


def english_reading(text: str) -> str | None:
    """A Hindi or Hinglish text as the models read it (None for English). The index embeds the pack's Hindi and
    Hinglish examples (and an indexed Hindi circular) as read, because every question is embedded as read."""
    reader = default_reader()
    return reader.read(text).text if reader.language(text) != "en" else None


def state_names() -> dict[str, str]:
    """The States' and Union Territories' Hindi names (pycountry's ISO 3166-2 translations, as `knowledge.states`
    reads them) with their English ones: "केरल कैडर" reads "Kerala cadre". A name of two words is known by its
    first too where that is distinctive (हिमाचल for हिमाचल प्रदेश, not उत्तर for उत्तर प्रदेश)."""
    from knowledge.states import CENTRE, codes, state_name

    out: dict[str, str] = {}
    for code in codes():
        if code == CENTRE:
            continue
        hindi, english = state_name(code, "hi"), state_name(code, "en")
        if hindi == english:
            continue
        out[hindi] = english
        first, _, rest = hindi.partition(" ")
        if rest in ("प्रदेश", "बंगाल") and first not in ("उत्तर", "मध्य", "पश्चिम"):
            out[first] = english.split(" ")[0]
    return out


def model_words() -> frozenset[str]:
    """The whole words of the embedding model's vocabulary (WordPiece's `vocab.txt`): what it reads as English.
    Empty when the model is not installed, and then no Latin word is read by its sound."""
    return frozenset(model_vocabulary())


def model_vocabulary() -> tuple[str, ...]:
    """The same words in the vocabulary's order, commonest first."""
    try:
        from retrieval.embeddings import model_path

        lines = (model_path() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except (OSError, RuntimeError, ImportError):
        return ()
    return tuple(w for w in lines if w.isalpha() and w.isascii())
