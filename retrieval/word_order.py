"""Hindi postpositions put where English puts its prepositions, so a gloss reads in English word order.

The glossary turns Hindi into English word by word, which leaves Hindi's order: "सरकार की नीति की आलोचना
फेसबुक पर" reads "government of policy of criticism facebook on". MiniLM was trained on English and reads
"criticism of policy of government on facebook" as the phrase its English examples contain. Two rules, the
ones Hindi-to-English pre-ordering begins with, applied only to words the glossary produced from a Hindi
postposition (an English "of" the asker typed is never moved):

- a genitive chain `A का B की C` (glossed `A of B of C`) is reversed: `C of B of A`;
- any other postposition (पर, में, से, को, के लिए, के बारे में, ...) goes in front of the noun phrase it
  follows: `facebook on` -> `on facebook`, `own page on` -> `on own page`;
- करना after a noun only makes it a verb (पोस्ट करना, शेयर करना): its gloss "do" is dropped, "post do can"
  reading "post can";
- बिना X के (a postposition used before its noun) reads "without X";
- हूँ at a clause's end follows its subject: "i IAS officer am" reads "i am IAS officer".

Measured on tune3 by how close each Hindi and Hinglish reading's MiniLM vector comes to its English twin's
(mean cosine; the order alone: Hindi 0.745 -> 0.753, Hinglish 0.776 -> 0.783).

A noun phrase here is one word with the determiners before it (my, this, own, every, ...): without a parser
the word before a postposition is the only noun we can be sure of. Reordering stops at punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass

GENITIVE = "of"
# English glosses of Hindi postpositions (what the glossary maps का/पर/में/से/को/के लिए/... to)
POSTPOSITIONS = frozenset({
    "on", "in", "from", "to", "for", "with", "without", "about", "against", "at", "through", "towards",
    "between", "under", "above", "during", "after", "before", "because of", "near", "like", "according to", "based on",
})
# glosses that open a noun phrase and travel with the word after them
DETERMINERS = frozenset({
    "my", "your", "his", "her", "our", "their", "its", "this", "these", "own", "every", "any", "some", "all",
    "one", "other", "same", "first", "last", "next",
})


# glosses that are never part of a noun phrase: pronouns, question words, auxiliaries and Hindi's light verbs
CLOSED = frozenset({
    "i", "me", "we", "us", "you", "he", "him", "they", "them", "it", "that", "what", "who", "whom", "which", "why",
    "how", "when", "where", "is", "am", "are", "was", "were", "be", "will", "do", "can", "should", "must", "may",
    "not", "and", "or", "but", "if", "so", "then", "also", "only", "now", "very", "give", "take", "go", "come",
    "happen", "become", "done", "want", "need",
})
PREPOSITIONAL = frozenset({"without"})  # बिना comes before its noun as often as after it
COPULA = "am"  # the gloss of हूँ
LIGHT_VERB = "do"  # the gloss of करना, Hindi's verb-maker
MAX_NP = 2  # content words a postposition takes with it (a compound: own facebook page)


@dataclass(frozen=True)
class Word:
    """A word (or glossed phrase) of a reading; `glossed` when the glossary produced it from Hindi."""

    text: str
    glossed: bool = False

    @property
    def role(self) -> str:
        key = self.text.lower()
        if self.glossed and key == GENITIVE:
            return "genitive"
        if self.glossed and key in POSTPOSITIONS:
            return "postposition"
        if self.glossed and key in DETERMINERS:
            return "determiner"
        return "closed" if key and all(w in CLOSED for w in key.split()) else "word"


def english_order(words: list[Word]) -> list[str]:
    """The words of one clause (no punctuation between them) in English order, as texts.

    Noun phrases are collected as chains: `A of B of C`, each link a run of up to MAX_NP content words with
    their determiners. A chain is written reversed (`C of B of A`) when it ends; a postposition after it goes
    in front, taking only the chain's last word when the chain has a genitive and that last link several
    words (in "criticism facebook on" the postposition's noun is facebook, not criticism). A verb after a chain
    ("link post can i") stays in its last link: splitting it off before an auxiliary measured no closer."""
    out: list[str] = []
    chain: list[list[str]] = []  # links of the noun-phrase chain being read
    pending: list[str] = []  # determiners waiting for their noun
    open_genitive = False  # the chain ended in `of`: the next word starts a new link

    def chain_text(links: list[list[str]]) -> list[str]:
        text: list[str] = []
        for n, link in enumerate(reversed(links)):
            text += ([GENITIVE] if n else []) + link
        return text

    def close() -> None:
        nonlocal chain, open_genitive
        out.extend(chain_text(chain) + ([GENITIVE] if open_genitive else []) + pending)
        chain, open_genitive = [], False
        pending.clear()

    def content(link: list[str]) -> int:
        return sum(t not in DETERMINERS for t in link)

    words = _copula_first([w for w in words if w.text])
    prepositions = _prepositions(words)
    previous = ""  # the role of the word before
    closing = set(prepositions.values())
    for n, w in enumerate(words):
        if n in prepositions or n in closing:
            close()  # बिना X के: "without X", the noun phrase closed by the के it ends with, which is dropped
            out.extend([w.text] if n in prepositions else [])
            previous = "other"
            continue
        role, before = w.role, previous
        previous = role
        if w.glossed and w.text.lower() == LIGHT_VERB and before == "word":
            continue  # करना after a noun makes it a verb: "post do" is "post"
        if role == "determiner":
            pending.append(w.text)
        elif role == "word":
            dets = list(pending)
            pending.clear()
            if chain and open_genitive:
                chain.append([*dets, w.text])
                open_genitive = False
            elif len(chain) > 1 and not dets and content(chain[-1]) < MAX_NP + 1:
                chain[-1].append(w.text)  # a link between genitives: its adjective and noun (new transfer policy)
            elif len(chain) == 1 and not dets:
                link = chain[0]
                while content(link) >= MAX_NP:  # a long run: the words before the noun phrase's last few
                    out.append(link.pop(0))
                link.append(w.text)  # a compound (facebook page), an adjective and its noun
            else:
                close()
                chain = [[*dets, w.text]]
        elif role == "genitive" and chain and not open_genitive and not pending:
            open_genitive = True
        elif role == "postposition" and pending and not chain:
            out.extend([w.text, *pending])  # a pronoun's genitive: इसके लिए, "for this"
            pending.clear()
        elif role == "postposition" and chain and not open_genitive and not pending:
            if len(chain) > 1 and content(chain[-1]) > 1:
                noun = [chain[-1].pop()]
                close()
                out.extend([w.text, *noun])
            else:
                links, chain = chain, []
                out.extend([w.text, *chain_text(links)])
        else:
            close()
            out.append(w.text)
    close()
    return out


def _prepositions(words: list[Word]) -> dict[int, int]:
    """The Hindi postpositions used before their noun (बिना X के, bina permission ke: "without X"), each with
    the genitive that closes its noun phrase: a glossed PREPOSITIONAL word followed, within a noun phrase's
    length, by content words and then `of`."""
    out: dict[int, int] = {}
    for n, w in enumerate(words):
        if not (w.glossed and w.text.lower() in PREPOSITIONAL):
            continue
        for m in range(n + 1, min(len(words), n + MAX_NP + 3)):
            role = words[m].role
            if role == "genitive" and m > n + 1:
                out[n] = m
            if role not in ("word", "determiner"):
                break
    return out


def _copula_first(words: list[Word]) -> list[Word]:
    """हूँ at the end of a clause ("IAS officer am") goes after its subject, as English says it ("i am IAS
    officer"): after a glossed "i" when the clause has one before it, else at the clause's start with an "i"."""
    at = [n for n, w in enumerate(words) if w.glossed and w.text.lower() == COPULA]
    if len(at) != 1:
        return words
    n = at[0]
    rest = words[:n] + words[n + 1:]
    subject = next((k for k, w in enumerate(rest[:n]) if w.glossed and w.text.lower() == "i"), None)
    if subject is not None:
        return rest[:subject + 1] + [words[n]] + rest[subject + 1:]
    return [Word("i", glossed=True), words[n], *rest]
