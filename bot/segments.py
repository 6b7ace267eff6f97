"""The sentences of a long draft, read one by one.

A long, friendly post with one line attacking a policy reads as friendly when embedded whole: the one line is
diluted by the rest. Reading each sentence alone lets that line be seen; a post is as restricted as its worst
sentence. Short questions are read whole only.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"(?:(?<=[.!?।|])|(?<=[.!?।|][\"”’']))\s+|\n+|\s+[–—]\s+")  # also after a closing quote
_TRIM = " \t\"'“”‘’()[]"
# The words around a draft rather than in it: the asker introducing themselves ("I'm the Collector here"),
# announcing the draft ("Draft for my X handle, please check") or asking about it ("Can I tweet this?").
_SELF = re.compile(r"^(i am|i'm|im|i work|i serve|i was|main)\b|^मैं\s", re.I)
_ROLE = re.compile(r"\b(officer|collector|sp|dm|sdm|udc|ldc|clerk|assistant|aso|mts|director|secretary|commissioner|"
                   r"ias|ips|ifos|irs|ifs|probationer|scientist|inspector|constable|teacher|engineer|employee|"
                   r"ministry|department|office|cadre|batch|posted|government servant|karmachari|adhikari)\b|"
                   r"अधिकारी|कर्मचारी|मंत्रालय|विभाग|कार्यालय|लिपिक", re.I)
_ANNOUNCE = re.compile(r"^(draft|pasting|here is|here's|new question|question|please check|check this)\b", re.I)
# A question about the rules rather than a line of the post: "Does the UP media order affect me?"
_ASKS = re.compile(r"\b(allowed|okay|ok|fine|problem|issue|affect|apply|applies|permission|sanction|rules?|"
                   r"theek|thik|chalega|dikkat|pareshani|niyam)\b|अनुमति|नियम|ठीक|दिक्कत|समस्या|लागू|चलेगा", re.I)
# ...or asking leave to post *this* (the draft, the photo, "him"), as officers type it in the three ways ("ye tweet kr
# skta hu?", "क्या ये ट्वीट कर सकती हूँ?"): read alone, "central govt employee hu, ye tweet kr skta hu?" looks like
# Centre-State relations. "Can I tweet that the policy is a disaster?" names its own content and is not framing.
_PERMIT = re.compile(r"\b(can i|may i|should i|shall i|could i|s[ae]?kt[aie]|kr du|kar du|kar doon|daal du|dal du|"
                     r"daalu|post kr|post kar)\b|सकता|सकती|सकते|कर दूँ|कर दूं|डाल दूँ|डाल दूं|डालूँ|डालूं", re.I)
_DEICTIC = re.compile(r"\b(this|it|him|her|them|these|ye|yeh|ise|isko|inhe)\b|(?<!\S)(ये|यह|इसे|इसको|इन्हें)(?!\S)",
                      re.I)
_QUOTE = re.compile(r"[\"“”‘’]")
_CLOSED = re.compile(r"[.!?।…)]?[\"”’]\s*$")  # a piece that ends by closing the quoted draft
# The label that announces a draft ("Draft:", "Draft for my X handle:") is not a word of the post
# (in Hindi too: "ट्वीट का ड्राफ्ट:", "पोस्ट:"; a Devanagari word has no \b after its vowel signs)
_LABEL = re.compile(r"^\s*(draft|post|tweet|caption|message|status|ड्राफ़?्ट|पोस्ट|ट्वीट|कैप्शन|संदेश|मैसेज)"
                    r"(?![\w\u0900-\u097F])[^:\"“\n]{0,40}:\s*", re.I)


# Hindi's postpositions and auxiliaries, in Devanagari and Hinglish spelling: words English says with none or
# with a word it puts elsewhere, so "मुफ़्त, किसी कोचिंग का नाम नहीं।" has the five words of "Free, no coaching
# name." and is read with its sentence, as the English is. None is an English word.
_GRAMMAR = frozenset("का की के को में से पर ने है हैं था थी थे हूँ हूं हो ka ki ke ko mein se pe ne hai hain h tha "
                     "thi hoon hu hun".split())


def _words(piece: str) -> int:
    """The words of a piece of the post, without the label announcing the draft and Hindi's grammar words."""
    return sum(w.strip(_TRIM + ",;:!?।.").lower() not in _GRAMMAR
               for w in _LABEL.sub("", piece, count=1).strip(_TRIM).split())


def segments(text: str, *, min_words: int = 4, limit: int = 12) -> list[str]:
    """Sentences of at least `min_words` words, at most `limit` of them; none when there is only one.

    A shorter piece is read with the sentence before it (the first, with the one after): "3 transfers, 2 kids
    and one stubborn dog — she handled it all." read as two, "she handled it all" alone resembles a complaint
    about someone; read with its sentence it is a family note. Each sentence is a slice of `text`, so the one
    that decides can be quoted and removed verbatim."""
    spans: list[list[int]] = []
    start = 0
    for sep in _SPLIT.finditer(text):
        spans.append([start, sep.start()])
        start = sep.end()
    spans.append([start, len(text)])
    spans = [sp for sp in spans if text[sp[0]:sp[1]].strip(_TRIM)]
    merged: list[list[int]] = []
    for sp in spans:
        if merged and _CLOSED.search(text[merged[-1][0]:merged[-1][1]]) and not _QUOTE.search(text[sp[0]:sp[1]]):
            merged.append(list(sp))  # the words after a quoted draft are the asker's, never a piece of its last line
        elif merged and _words(text[sp[0]:sp[1]]) < min_words:
            merged[-1][1] = sp[1]  # a fragment joins the sentence before it
        elif merged and _words(text[merged[-1][0]:merged[-1][1]]) < min_words:
            merged[-1][1] = sp[1]  # ...and a fragment at the start joins the one after it
        else:
            merged.append(list(sp))
    parts = [text[a:b].strip(_TRIM) for a, b in merged]
    parts = [p for p in parts if _words(p) >= min_words]
    return parts[:limit] if len(parts) >= 2 else []


def framing(sentence: str) -> bool:
    """Whether a sentence of a long text is the asker's framing, not the post: a short question about it
    ("Can I go ahead?"), a short self-introduction ("I'm a UDC in CPWD.") or the announcement of the draft
    ("Pasting a draft for Facebook."). Such a sentence is never named as the one that decides."""
    s = sentence.strip(_TRIM)
    words = len(s.split())
    if _QUOTE.search(s):
        return False
    pieces = [p for p in re.split(r"(?<=[.!?।])\s+", s) if p.strip(_TRIM)]
    if len(pieces) > 1:  # "Fine to post on my FB? I'm an IPS officer.": a question and an introduction, merged
        return all(framing(p) for p in pieces)
    if s.endswith("?") and (words <= 8 or (words <= 14 and (_ASKS.search(s) or (_PERMIT.search(s)
                                                                                and _DEICTIC.search(s))))):
        return True
    if words <= 3 and _ROLE.search(s):  # a signature after the draft: "(IFS, DFO)", "- SDM Sadar"
        return True
    return words <= 12 and bool((_SELF.match(s) and _ROLE.search(s)) or _ANNOUNCE.match(s))
