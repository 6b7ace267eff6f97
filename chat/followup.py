"""Reading a follow-up ("without the last line", "if I add views are personal", "from the official handle instead")
as a change to the draft an earlier answer checked.

People refine a draft in chat instead of pasting it again. A reply to Niyam's answer is one of three things:
- a change this module can read: `Change`, carrying the changed draft (what is checked next) and what was done,
  so the answer can say what it took as the draft;
- a change it cannot read ("what if I tone it down?"): `UNCLEAR`, and the person is asked for the changed
  draft, never answered on a guess;
- a new draft or question: None, and it is checked on its own.

Only wording is read here (English, Hinglish and Hindi forms); no I/O, no state, nothing about platforms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_FOLLOWUP_WORDS = 30  # longer messages are new drafts, not changes


@dataclass(frozen=True)
class Change:
    draft: str  # the changed draft: what is checked next
    kind: str  # without | added | setting | share_only | replaced
    params: dict[str, str] = field(default_factory=dict)  # what the note says: the part, the words, the place


UNCLEAR = "unclear"  # a change that could not be read: ask for the changed draft

_QUOTES = "\"'“”‘’«»`"
_NUMERALS = str.maketrans("०१२३४५६७८९", "0123456789")

# ---------------------------------------------------------------- the parts of a draft

_SENTENCE_END = re.compile(r"(?<=[.!?।])\s+")


def parts(draft: str) -> tuple[list[str], str]:
    """The draft's parts and what they are: its lines when it has several, otherwise its sentences."""
    lines = [line.strip() for line in draft.strip().splitlines() if line.strip()]
    if len(lines) > 1:
        return lines, "line"
    return [s.strip() for s in _SENTENCE_END.split(draft.strip()) if s.strip()], "sentence"


def _join(kept: list[str], unit: str) -> str:
    return ("\n" if unit == "line" else " ").join(kept)


# ---------------------------------------------------------------- what a change looks like

_REMOVE = (r"(?:without|remove[sd]?|removing|delete[sd]?|deleting|drop(?:ped|ping)?|cut(?:ting)?|omit(?:ted|ting)?|"
           r"leave out|leaving out|take out|taking out|minus|skip(?:ped|ping)?|get rid of|lose|"
           r"hata\w*|nikal\w*|bina|हटा\w*|निकाल\w*|बिना|के बिना)")
_POSITIONS = {
    "last": -1, "final": -1, "closing": -1, "end": -1, "aakhri": -1, "akhri": -1, "aakhiri": -1, "antim": -1,
    "आखिरी": -1, "आख़िरी": -1, "अंतिम": -1, "अन्तिम": -1,
    "first": 0, "opening": 0, "pehli": 0, "pehla": 0, "pahli": 0, "पहली": 0, "पहला": 0,
    "second": 1, "doosri": 1, "dusri": 1, "दूसरी": 1, "दूसरा": 1,
    "third": 2, "teesri": 2, "तीसरी": 2, "तीसरा": 2,
}
_UNITS = r"(?:line|sentence|para(?:graph)?|part|bit|lines|sentences|wali line|लाइन|पंक्ति|वाक्य|हिस्सा)"
_POSITION_PART = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(_POSITIONS, key=len, reverse=True)))
                            + r")\s+" + _UNITS + r"(?!\w)", re.IGNORECASE)
_ABOUT_PART = re.compile(r"\b(?:line|sentence|part|bit)\s+(?:about|mentioning|on|with|that says|saying)\s+(.{2,60}?)"
                         r"\s*(?:\?|$|\bthen\b)", re.IGNORECASE)
_ADD_EN = re.compile(r"\b(?:add|adding|added|include|including|append|appending|put|putting|write|writing|say|saying|"
                     r"end with|ending with)\b\s+(.+?)\s*(?:at the (?:end|bottom)|to (?:it|the post|the draft|this)|"
                     r"in it|as well|too|also|instead|then)?\s*[?.!]*$", re.IGNORECASE)
_WITH_ADDED = re.compile(r"\bwith\s+(.+?)\s+(?:added|at the end|appended)\b", re.IGNORECASE)
_ADD_HI = re.compile(r"(?:agar|if|अगर)\s+(?:main|mai|mein|me|hum|i|मैं|में|हम)\s+(?:isme|isse|ismein|इसमें)?\s*(.+?)\s+"
                     r"(?:jod|likh|add kar|daal|जोड़|जोड|लिख|डाल)\w*", re.IGNORECASE)
_SETTING_EN = re.compile(r"\b(from|on|in|via|through|using|to)\s+((?:the|my|our|a|an|his|her)\s+)?(.{2,60}?)\s+instead\b",
                         re.IGNORECASE)
_SETTING_EN2 = re.compile(r"\binstead\b,?\s+(?:post(?:ed)?\s+(?:it\s+)?|share(?:d)?\s+(?:it\s+)?)?(from|on|in|via)\s+"
                          r"((?:the|my|our|a|an)\s+)?(.{2,60}?)\s*[?.!]*$", re.IGNORECASE)
_SETTING_EN3 = re.compile(r"\b(?:post|share|put|publish)\w*\s+(?:it|this|that)\s+(from|on|in|via)\s+"
                          r"((?:the|my|our|a|an)\s+)?(.{2,60}?)\s*[?.!]*$", re.IGNORECASE)
_SETTING_HI = re.compile(r"(?:^|\s)((?:\S+\s+){0,2}?\S+)\s+(?:se|पर|से)\s+(?:post|share|daal|dal|पोस्ट|शेयर|डाल)\w*",
                         re.IGNORECASE)
_SHARE_ONLY = re.compile(
    r"\b(?:only|just|simply|merely)\s+(?:re-?)?(?:share|post|repost|retweet|forward|like)\w*\b"
    r"|\b(?:re-?)?(?:share|post|repost|retweet|forward)\w*\s+(?:it\s+|this\s+|that\s+)?(?:as it is\s+)?without\s+"
    r"(?:any\s+|a\s+|my\s+)?(?:comment|caption|remark|note|text)s?"
    r"|\bbina\s+(?:kisi\s+)?(?:comment|tippani|caption)\s+ke\b"
    r"|बिना\s+(?:किसी\s+)?(?:टिप्पणी|कमेंट|comment)\s+के",
    re.IGNORECASE)
_REPLACE = re.compile(r"\b(?:change|replace|swap)\s+(.+?)\s+(?:to|with|by|for)\s+(.+?)\s*[?.!]*$", re.IGNORECASE)
_INSTEAD_OF = re.compile(r"\b(?:say|write|use|put)\s+(.+?)\s+instead of\s+(.+?)\s*[?.!]*$", re.IGNORECASE)
_DISCLAIMER = re.compile(r"^(?:a|the)\s+(?:(?:views are personal|personal views|usual)\s+)?disclaimer$", re.IGNORECASE)
DEFAULT_DISCLAIMER = "Views are personal."

# Words that open a follow-up, and words that point back at the draft or name a change: a short message with
# both is a change even when the rest cannot be read.
_OPENER = re.compile(r"^(?:and\s+|but\s+|ok(?:ay)?,?\s+|so\s+)?(?:what if|if i|if we|if it|what about|how about|suppose|"
                     r"and if|without|instead|only|just|same|now|then|can i (?:just|only)|"
                     r"agar|aur agar|to kya|ab|अगर|और अगर|तो क्या|क्या होगा|बिना|अब)\b", re.IGNORECASE)
_BACK = re.compile(r"\b(?:it|this|that|the (?:post|draft|line|sentence|text|tweet|message)|remove|delete|drop|cut|add|"
                   r"include|mention|don'?t|do not|without|instead|change|replace|edit|rephrase|reword|tone|soften|"
                   r"shorten|line|sentence|hata\w*|jod\w*|likh\w*|badal\w*|ise|isko|isme)\b"
                   r"|हटा|जोड़|लिख|बदल|बिना|इसे|इसको|इसमें|यह|ये", re.IGNORECASE)


def _clean(words: str) -> str:
    """Quoted words without their quotes, trailing punctuation and fillers."""
    words = words.strip().strip(_QUOTES).strip()
    words = re.sub(r"^(?:the words?|a line|a sentence|a note|the line|the sentence|saying|that says)\s*[:,-]?\s*", "",
                   words, flags=re.IGNORECASE)
    return words.strip().strip(_QUOTES).strip(" ,;:").strip()


def _quoted(message: str) -> str | None:
    m = re.search(r"[\"“‘'«]([^\"”’'»]{2,200})[\"”’'»]", message)
    return m.group(1).strip() if m else None


def looks_like_change(message: str) -> bool:
    """A short message that opens like a follow-up and points back at the draft or names a change."""
    text = message.strip()
    return (len(text.split()) <= MAX_FOLLOWUP_WORDS and bool(_OPENER.search(text[:40]))
            and bool(_BACK.search(text)))


# ---------------------------------------------------------------- reading one

def read(message: str, draft: str) -> Change | str | None:
    """The change `message` makes to `draft`; UNCLEAR for a change that cannot be read; None for a new draft."""
    text = " ".join(message.translate(_NUMERALS).split())
    if not text or len(text.split()) > MAX_FOLLOWUP_WORDS:
        return None
    for reader in (_without_part, _replaced, _share_only, _setting, _added):
        found = reader(text, draft)
        if found is not None:
            return found
    return UNCLEAR if looks_like_change(text) else None


def _without_part(text: str, draft: str) -> Change | str | None:
    if not re.search(_REMOVE, text, re.IGNORECASE):
        return None
    pieces, unit = parts(draft)
    m = _POSITION_PART.search(text)
    if m:
        index = _POSITIONS[m.group(1).lower()]
        if len(pieces) < 2 or index >= len(pieces):
            return UNCLEAR  # nothing would be left, or there is no such part
        position = {-1: "last", 0: "first", 1: "second", 2: "third"}[index]
        kept = pieces[:index] + pieces[index + 1:] if index >= 0 else pieces[:index]
        return Change(_join(kept, unit), "without", {"position": position, "unit": unit})
    m = _ABOUT_PART.search(text)
    if m:
        words = _clean(m.group(1)).lower()
        hit = [p for p in pieces if words and words in p.lower()]
        if not hit or len(hit) == len(pieces):
            return UNCLEAR
        return Change(_join([p for p in pieces if p not in hit], unit), "without_about", {"words": _clean(m.group(1)),
                                                                                         "unit": unit})
    return None


def _replaced(text: str, draft: str) -> Change | str | None:
    m = _REPLACE.search(text)
    if m:
        old, new = _clean(m.group(1)), _clean(m.group(2))
    else:
        m = _INSTEAD_OF.search(text)
        if not m:
            return None
        new, old = _clean(m.group(1)), _clean(m.group(2))
    if not old or not new:
        return UNCLEAR
    found = re.search(re.escape(old), draft, re.IGNORECASE)
    if not found:
        return UNCLEAR  # the words to change are not in the draft
    changed = draft[:found.start()] + new + draft[found.end():]
    return Change(changed, "replaced", {"old": old, "new": new})


def _share_only(text: str, draft: str) -> Change | None:
    if not _SHARE_ONLY.search(text):
        return None
    return Change(f"I would only share (repost) this as it is, without any comment of my own:\n{draft.strip()}",
                  "share_only")


def _setting(text: str, draft: str) -> Change | None:
    for pattern in (_SETTING_EN, _SETTING_EN2, _SETTING_EN3):
        m = pattern.search(text)
        if m:
            prep = m.group(1).lower()
            place = ((m.group(2) or "") + m.group(3)).strip(" ,.?!")
            break
    else:
        m = _SETTING_HI.search(text)
        if not m or not re.search(r"handle|account|page|group|channel|profile|हैंडल|अकाउंट|पेज|ग्रुप|समूह|चैनल|खाते",
                                  m.group(1), re.IGNORECASE):
            return None
        prep, place = "from", m.group(1).strip()
    if not place or re.fullmatch(r"(?:it|this|that)", place, re.IGNORECASE):
        return None
    return Change(f"{draft.strip()}\n\n(I would post this {prep} {place}.)", "setting",
                  {"place": f"{prep} {place}"})


def _added(text: str, draft: str) -> Change | None:
    words = None
    m = _ADD_HI.search(text)
    if m:
        words = _quoted(text) or _clean(m.group(1))
    else:
        m = _ADD_EN.search(text) or _WITH_ADDED.search(text)
        if m:
            words = _quoted(text) or _clean(m.group(1))
    if not words:
        return None
    if _DISCLAIMER.match(words):
        words = DEFAULT_DISCLAIMER
    if len(words) < 3:
        return None
    return Change(f"{draft.strip()}\n{words}", "added", {"words": words})
