"""The advisor: a question (or a pasted draft), the asker's rulebook and State in, a cited Answer out.

How it decides (README, "How an answer is made"):
1. Instructions addressed to Niyam inside the text are removed before anything reads it (a draft is data).
2. Hindi and Hinglish are read through the pack's glossary (retrieval/reading.py); the answer follows the
   question's language.
3. Out of scope only for a question clearly about something else; a pasted post never is.
4. Which acts does the post commit? The act classifier fitted on the pack's examples (bot/classifier.py) is
   blended with the vote of the nearest examples (a near-duplicate example trusted more); a restrictive verdict
   needs the restricting acts to pass a bar; the act carrying it names the concern; the context the asker
   states moderates it as the pack's acts file says. A long draft is as restricted as its worst sentence.
5. An operative clause of an indexed circular that binds the asker is an act in its own right.
6. Where the pack labels a point unresolved and it is the nearest, `unclear`, with the authority to ask.
7. Citations: the deciding rule(s) first, others only when their own words are close, at most three; every
   excerpt is a verbatim sentence of the indexed text. No citation, no verdict.
"""

from __future__ import annotations

import copy
import re
from dataclasses import astuple, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.answer import Answer, Citation, verdict_label
from bot.classifier import CLASSES, ModelCache, plain_act
from bot.cues import Cues, drop_disclaimed, looks_like_post, read_cues, strip_injection
from bot.excerpt import choose
from bot.named import named_rules
from bot.segments import framing, segments
from knowledge.acts import CONTEXTS, Acts, load_acts
from knowledge.clauses import binds_state, operative_verdict
from knowledge.model import RESTRICTIVE, SEVERITY, Verdict, rule_key
from knowledge.states import state_name
from retrieval.reading import Reader, default_reader
from retrieval.search import RULES, Examples, Hit, SearchIndex


@dataclass
class Params:
    """Thresholds, chosen with `benchmarks/tune.py` on the tuning sets together (the development set, the first
    held-out set and `benchmarks/tune2.jsonl`, written blind from the facts file and used for tuning from the
    start; see BENCHMARKS.md): the most accurate among the settings with the fewest missed warnings there."""

    k: int = 12  # labelled neighbours that vote
    power: float = 8.0  # a neighbour's vote is its similarity to this power: the closest count most
    lexical: float = 0.1  # weight of an example's (scaled) BM25 score added to its cosine similarity
    blend: float = 0.3  # weight of the neighbours' vote against the classifier's probabilities
    faint: float = 0.55  # below this similarity the nearest examples share only a topic ("The Great Railway
    # Bazaar" near posts mocking the Railways): their vote fades to nothing at `weak`, the classifier reads the act
    echo: float = 0.8  # from this similarity up, a near-duplicate example's vote takes over from the classifier
    agree_n: int = 2  # when this many nearest examples share one verdict...
    agree_sim: float = 0.65  # ...each at least this close...
    agree_w: float = 0.8  # ...their vote weighs at least this much against the classifier (0: off)
    c: float = 16.0  # the classifier's inverse regularisation
    balance: float = 0.5  # the classifier weighs an act's examples by their count to the power -balance (1: all acts equal)
    restrict: float = 0.45  # a restrictive verdict is given when needs_sanction + not_allowed reach this
    doubt: float = 0.12  # ...and `unclear` when they come within this of it: the evidence is mixed (2026-12-05,
    # with the signals: 0.3 / 0 gave 13 allowed->restricted and 4 missed warnings on the tuning sets, 0.35 / 0.05
    # gave 8 and 4; the band between is asked of the cadre authority, not guessed. Third session, with `faint` and
    # tune4 (1,024 tuning questions): 0.35 / 0.05 gave 0.823, 12 allowed->restricted, 5 missed; 0.45 / 0.12 gives
    # 0.830, 10 and 4; 0.45 / 0.05 gave 0.837 but 7 missed, so the wider band)
    segment_restrict: float = 0.6  # a long draft is restricted when one sentence alone reaches this bar
    segment_near: float = 0.4  # ...and when the example that decides it is at least this close to it
    segment_words: int = 6  # ...each sentence of at least this many words, a shorter piece read with its neighbour
    # (4 left 'Draft tweet: "What a final!' and 'central government employee btw' to decide alone; with the signals,
    # 6 cut allowed->restricted 18 -> 16 on the tuning sets with tune4 and added no missed warning; 7-8 added them)
    segment_framing: bool = True  # ...the asker's framing around the draft never decides alone
    segment_unsettled: bool = True  # ...nor overrides a point the pack marks unresolved that the whole text is near
    # (a column offer with "no criticism, just ideas" is near the pack's unresolved AIS 6 examples as a whole,
    # while its first sentence alone reads as media work needing sanction; tuning sets: +1, nothing lost)
    calm_share: float = 0.6  # a long text whose every sentence is permitted with at least this share of the vote...
    calm_whole: float = 0.6  # ...is not restricted by a whole-text reading whose restriction has less than this (0: off)
    segment_chars: int = 130  # ...read sentence by sentence from this length (two short sentences: a greeting and an appeal)
    care: float = 1.4  # allowed_with_care over allowed when its probability, times this, is at least as high
    # (third session, tuning sets with tune4: 1.0 0.831, 1.4 0.835, 1.6 0.836, 2.0 0.834, no safety figure moved;
    # tune2's writers lean to allowed, tune3's and tune4's to care: 1.4 is the middle of the plateau)
    weak: float = 0.35  # nearest example below this: nothing is known, `unclear`
    unsettled: float = 0.6  # `unclear` when the nearest example is one the pack labels unclear, this close
    scope_margin: float = 0.03  # out of scope when an out-of-scope question is this much closer...
    scope_floor: float = 0.50  # ...and no conduct example reaches this,
    scope_clear: float = 0.15  # ...or when it is closer by this much, whatever the conduct examples say
    scope_plain: float = -0.25  # a question naming no conduct act is out of scope unless clearly nearer conduct
    cross: float | None = 0.0  # the other rulebook's examples vote, discounted by this (None: they do not)
    cross_exclude: tuple = ("media_publication",)
    k_citations: int = 3  # at most this many citations; usually one or two
    filed_share: float = 0.65  # the rule the nearest examples are filed under is cited too when it carries this share
    # of their vote (`k`, `power`) and is not cited yet (tuning sets, 2026-12-05: recall@3 +3 points for -1 point of
    # precision; 0.5 gave +3.6 for -1.8, 0.8 +1.6 for -0.1. After the session's verdict and Hindi changes, 0.6 cited
    # AIS 12 beside a Raksha Bandhan photo, near "Jeevan Raksha Padak" award posts; 0.65 does not, tuning sets
    # precision 0.871 -> 0.875, recall@3 0.895 -> 0.893, first 0.923 both)
    cite_bar: float = 0.35  # a second rule catching the same act is cited when one of its examples is this close
    # (tuning sets with tune3/tune4, 2026-12-05: 0.45 -> 0.35 cites AIS 13 beside a paid endorsement under
    # AIS 3(2B)(vii), AIS 5 beside party posts under AIS 3(1A)(ii): recall@3 +0.2 points for -0.2 of precision,
    # 9 of the 13 rules it adds accepted by the sets' adviser; 0.4 gave +0.1 for -0.1)
    counterpart: float = 0.6  # an act decided by an example of the other rulebook, which the asker's has no example
    # of, is cited at the section of the asker's rulebook found for the question whose words are this close to the
    # example's section: the same rule as the asker's rulebook numbers it (AIS 8 / CCS 10 are 0.72 apart, the
    # rulebooks' rule-level pairs 0.65-0.86; unrelated sections of one topic stay below 0.55)
    care_written: bool = True  # an allowed_with_care answer whose act is decided under rule 3 also cites the rule
    # written for that act (`_written_for`), the rule a reader would worry about: a condolence post for an opposition
    # leader, decided under AIS 3(1A)(ii), cites AIS 5 too (tuning sets: recall@3 +0.1 point, no precision lost)
    extra_bar: float = 0.5  # a rule no act decides is cited only when its own words are this close (issue 14: at
    # 0.45 a third of these were rules a careful adviser would not cite; 0.5 keeps recall on the tuning sets)
    specific_near: int = 5  # a post decided under rule 3 also cites the rule written for its act when one of that
    # rule's examples of the same act is among this many nearest (AIS 5 beside AIS 3(1A)(ii) for party politics)
    everyday_share: float = 0.15  # an allowed everyday post cites the general rule (AIS 3 / CCS 3) when rule 3's
    # everyday examples carry this share of the allowed neighbours' vote: its neighbours are spread over rules
    # (a greeting, a family photo), so no one rule's "does not catch" is the point; the tuning sets cite rule 3
    everyday_near: float = 0.6  # ...and whatever its neighbours, when the nearest allowed example of the rule it
    # would cite is below this: no specific rule is near (a trek under CCS 8(2), blood donation under CCS 15), so
    # the general rule is the honest citation (tuning sets, 2026-12-05: that rule was one an adviser accepts 2 times
    # in 10 there, rule 3 6 in 10)
    everyday_general: float = 0.52  # ...and when rule 3's nearest everyday example is this close in its own right
    # and the specific rule's is no near-duplicate (`echo`): among such answers on the tuning sets (2026-12-05),
    # rule 3 was the rule an adviser accepts about 8 times in 9, the specific rule alone about 1 in 9
    clause: float = 0.45  # an indexed circular's operative clause decides when the question is this close to it,
    clause_near: float = 0.3  # ...or this close and nearer than any other indexed text, sharing words with it
    circular_first: float = 0.55  # a circular ranks among the rules only when its text is this close
    max_chars: int = 4000
    # ...and the likeliest restricted act alone reaches act_bar unless all of them reach `spread` (0: not asked;
    # measured 2026-12-05: 0.22 halved allowed->restricted before the pack's new care examples, but after them
    # it only added missed warnings, so it is off)
    act_bar: float = 0.0
    spread: float = 0.5
    signals: bool = True  # the pack's signal words commit their act on their face (acts.yaml `signals`)
    disclaim: bool = True  # what the asker says the post leaves out ("no party flags") is not read as in it



CONDUCT = list(CLASSES[:4])


# A rulebook's formal provisions govern no conduct: never cited for being near a question in words.
_FORMAL = re.compile(r"(short title|definitions|interpretation|delegation of powers|repeal|cesser|omitted)\b", re.I)


def _general(meta: dict) -> bool:
    """A section or example of a rulebook's general rule, rule 3 (integrity, devotion to duty, becoming conduct)."""
    return meta.get("rulebook") in ("AIS", "CCS") and rule_key(meta.get("ref", "")).split(" ")[-1] == "3"


def display_ref(meta: dict) -> str:
    """A section as an officer reads it: the rulebook ref (`AIS 7(i)`), or a document's title and its paragraph
    (`Kerala circular on social media, 2017, para 1`), never a document id."""
    ref, document = meta["ref"], meta.get("document", "")
    if meta.get("rulebook") in ("AIS", "CCS"):
        return ref
    rest = ref[len(document):].strip() if ref.startswith(document) else ref
    title = meta.get("document_title") or document
    reference = (meta.get("reference") or "").strip()
    if reference and reference != "unknown" and reference not in title:  # as read from its first page
        title = f"{title} ({reference})"
    return f"{title}, {rest}" if rest else title


def _restricted_catches(ex: Examples, own: np.ndarray, concern: str) -> np.ndarray:
    """Which examples (of those in `own`) show a rule catching `concern` as a restriction: the examples a
    restriction of that act is shown and cited by."""
    return (own & (ex.column("kind") == "example") & (ex.column("concern") == concern)
            & (ex.column("polarity") == "catch") & np.isin(ex.column("verdict"), [v.value for v in RESTRICTIVE]))


def _home_rule(ex: Examples, own: np.ndarray, service: str, concern: str) -> str | None:
    """The rule of the asker's rulebook written for an act: the one, other than the general rule 3, holding most
    of the rulebook's restricted examples of it that it catches (None when only rule 3 catches it, as for
    communal content). Read from the pack's labels, so a new example moves it, never a table kept here."""
    rows = np.flatnonzero(_restricted_catches(ex, own, concern) & (ex.column("rulebook") == service))
    counts: dict[str, int] = {}
    for i in rows:
        m = ex.metas[int(i)]
        if not _general(m):
            counts[rule_key(m["ref"])] = counts.get(rule_key(m["ref"]), 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _closest_first(deciding: list["Finding"]) -> list["Finding"]:
    """Two acts that decide together are cited (and explained) closest first: the act whose labelled example is
    nearest the question is the one the post most plainly commits (the gift in a thank-you post for a wedding
    painting, before the artistic work), while the order the evidence weighs them in can be led by a broad concern
    whose examples are merely many. Citation order only: the verdict is decided before this, and both acts carry it.
    An indexed circular's clause, when it decides, stays first."""
    if any("clause" in f.notes for f in deciding):
        return deciding
    return sorted(deciding, key=lambda f: -f.score)


@lru_cache(maxsize=1)
def ACTS() -> Acts:
    """The bundled pack's acts file: concern names, authorities, moderation and the notes behind it."""
    return load_acts()  # the verdicts the examples teach, in order of severity



@dataclass
class Finding:
    """A concern the question raises, decided by its closest labelled example."""

    concern: str
    verdict: Verdict
    score: float  # similarity of the deciding example
    share: float  # its verdict's share of the neighbours' vote
    meta: dict  # the deciding example's metadata (ref, document, guidance fields)
    fired: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return self.meta["ref"]

    @property
    def document(self) -> str:
        return self.meta["document"]

    @property
    def what(self) -> str:
        """The concern in words, when the deciding example is one its rule catches; a near-miss listed
        under a rule may be restricted for another reason, so it is not named."""
        if self.meta.get("what"):
            return self.meta["what"]
        return ACTS().name(self.concern) if self.meta.get("polarity") == "catch" else ""


class Advisor:
    def __init__(self, index: SearchIndex, params: Params | None = None, reader: Reader | None = None):
        self.index = index
        self.params = params or Params()
        self.reader = reader or default_reader()
        self.acts = ACTS()
        self.signal_words = {act: re.compile(rx, re.I) for act, rx in self.acts.signals.items()}
        # The sentences of a draft read during one question, with their readings and vectors (a fresh dict on
        # each question's own view; None on the shared advisor, so nothing of a draft outlives its question).
        self._sentences: dict[str, tuple[str, np.ndarray]] | None = None
        self._sentence_verdicts: dict[tuple, tuple[Verdict, list[Finding]]] | None = None  # ...and their verdicts
        data_dir = getattr(getattr(index, "store", None), "data_dir", None)
        self.models = ModelCache(self.reader, Path(data_dir) / "models" if data_dir else None)

    # -- the decision ------------------------------------------------------------------------
    def ask(self, question: str, service: str = "AIS", *, state: str | None = None, lang: str | None = None) -> Answer:
        """`service`: the asker's rulebook (a `Rulebook` or its code); `state`: the asker's State code or CENTRE
        (None: not known); `lang`: the language of the answer's own words, `en` or `hi` (None: the question's).
        The question reads one index snapshot from start to end (a shallow copy of the advisor bound to it), so
        an index switch mid-question cannot tear it."""
        view = copy.copy(self)
        view.index = self.index.snapshot()  # type: ignore[assignment]  # a Snapshot reads like the index
        view._sentences, view._sentence_verdicts = {}, {}
        answer = view._ask(question, service, state=state, lang=lang)
        if answer.flagged:
            # "Check without it": the draft without the sentences that decide, checked again, never assumed
            rest = question
            for sentence in answer.flagged:
                rest = rest.replace(sentence, " ")
            rest = " ".join(rest.split())
            if len(rest.split()) >= 4:
                again = view._ask(rest, service, state=state, lang=lang)
                answer.without_flagged = {"verdict": again.verdict.value, "text": rest}
                label = verdict_label(again.verdict, answer.language)
                if answer.language == "hi":
                    answer.suggestions.insert(0, f"ऊपर उद्धृत वाक्य के बिना बाकी पोस्ट दोबारा जाँची गई: {label}।")
                else:
                    answer.suggestions.insert(0, f"Without the sentence quoted above, the rest of the draft was checked "
                                                 f"again: {label}.")
        return answer

    def _ask(self, question: str, service: str, *, state: str | None, lang: str | None) -> Answer:
        service = str(service).upper()
        raw = (question or "").strip()
        if not raw:
            return Answer(verdict=Verdict.unclear, summary="There is no question to answer: send the post or the question.",
                          service=service, reasons=[], suggestions=["Paste the draft post or ask in a sentence."])
        p = self.params
        stripped = strip_injection(raw)[: p.max_chars].strip() or raw[: p.max_chars]
        reading = self.reader.read(stripped)
        lang = lang if lang in ("en", "hi") else reading.answer_lang
        text = reading.text  # what the models read: Hindi and Hinglish words glossed into English
        if p.disclaim:
            text = drop_disclaimed(text, reading.lang != "en")
        cues = read_cues(raw if reading.lang == "en" else f"{raw}\n{text}")
        caveats: list[str] = []
        if len(raw) > p.max_chars:
            caveats.append(f"Only the first {p.max_chars} characters were read.")
        if cues.injection:
            caveats.append("The text contained instructions addressed to Niyam; they were treated as part of the post and ignored.")

        sc = self.index.scores(text)
        ex = self.index.examples
        # Votes and citations come from what binds every officer of the service; a State's own instruction is
        # context (a caveat), because it binds only those serving that State.
        applies = ex.flag(f"applies_{service}") & ~ex.flag("state_specific")
        own = applies
        if p.cross is not None and len(ex.metas):
            # The other rulebook's examples vote too, a little discounted: the two rulebooks treat most posts
            # alike, and twice the labelled posts make a steadier vote. Media work is left out: CCS 8 is
            # stricter than AIS 6 there.
            other = ((ex.column("kind") == "example") & ~ex.flag("state_specific") & ~ex.flag(f"applies_{service}")
                     & ~np.isin(ex.column("concern"), list(p.cross_exclude)))
            applies = applies | other
        else:
            other = np.zeros(len(ex.metas), dtype=bool)
        sims = self._similarities(sc.example_sims, sc.example_lex, other)

        # A pasted post, comment or message is always in scope: out of scope is for questions about something else.
        if not looks_like_post(raw) and self._out_of_scope(sims, ex, applies, cues.conduct):
            return self._outside(service, lang, caveats)

        verdict, deciding, mixed = self._decide(text, sc.qvec, sims, ex, applies, own, cues, service)
        flagged: list[str] = []
        unsettled = verdict == Verdict.unclear and any("unsettled" in f.notes for f in deciding)
        if len(text) >= p.segment_chars and not (unsettled and p.segment_unsettled):
            # A long draft is as restricted as its worst sentence, and that sentence is named.
            worst, calm = self._worst_sentence(stripped, ex, applies, own, other, cues, service, reading.lang)
            if calm and verdict in RESTRICTIVE and deciding and deciding[0].share < p.calm_whole:
                # Every sentence of the post, read alone, is plainly one the rules allow, and the post read whole
                # is restricted only faintly: the whole-text reading saw a topic ("Under Secretary, MHA" under a
                # film review), not an act. The sentences' own verdict stands.
                verdict, deciding, mixed = calm
            if worst:
                sentence, found = worst
                if SEVERITY.get(verdict, 0) < SEVERITY[Verdict.needs_sanction]:
                    verdict, deciding, mixed = found
                if SEVERITY.get(verdict, 0) >= SEVERITY[Verdict.needs_sanction] and not framing(sentence):
                    flagged = [sentence]  # the asker's framing is never named as the sentence that decides
        if p.signals:
            # Words that commit an act on their face ("give him your vote", "use my code for 10% off", "the
            # internal OM, not issued yet"), the pack's signals, decide even where the post around them reads
            # as friendly: the models read topic, and a Chhath greeting with a vote appeal reads as a greeting.
            signal = self._signal(stripped, text, sims, ex, own, cues, service, reading.lang)
            if signal is not None and SEVERITY[signal[0].verdict] > SEVERITY.get(verdict, 0):
                (found, sentence), mixed = signal, False
                verdict, deciding = found.verdict, [found]
                flagged = [sentence] if sentence and SEVERITY[verdict] >= SEVERITY[Verdict.needs_sanction] else []
        deciding = [self._own_rulebook(f, sims, ex, own, service) for f in deciding]
        beside: list[Finding] = []  # a rule cited beside an everyday post's general rule (`_everyday`)
        if verdict == Verdict.allowed and deciding:
            deciding[0], specific = self._everyday(deciding[0], sims, ex, applies, own, service)
            beside = [specific] if specific else []
        # An operative clause of a circular an admin indexed ("no officer shall…", "without prior permission")
        # is an act in its own right: a question that commits what it forbids gets its verdict, for the askers
        # the circular binds. No labelled example has to be written for a new circular to decide.
        clause = self._clause(sc, service, state)
        if clause is not None and SEVERITY[clause.verdict] >= SEVERITY.get(verdict, 0):
            verdict, deciding = clause.verdict, [clause] + [f for f in deciding if SEVERITY.get(f.verdict, 0) >=
                                                            SEVERITY[clause.verdict]]
            beside = []
        if mixed:
            caveats.append("Posts like this one fall on both sides of the rules; the answer depends on details "
                           "best checked with your cadre authority.")

        deciding = _closest_first(deciding)
        allowed_rows = self.index.mask(service, RULES)
        hits = self.index.rank(sc, allowed_rows, k=12)
        also = self._same_act_elsewhere(deciding, sims, ex, own, service) if verdict in RESTRICTIVE else []
        if p.care_written and verdict == Verdict.allowed_with_care and deciding:
            # permitted with care under the general rule: the rule written for the act is the one to stay within
            written = self._written_for(deciding[0], {rule_key(f.ref) for f in deciding}, sims, ex, own, service)
            also = [written] if written else []
        named = named_rules(stripped, service) if verdict not in RESTRICTIVE else []
        citations, cited_hits = self._citations(text, hits, deciding + beside + also, service, named)
        filed = self._filed_under(sims, ex, own, service, {c.rule_key for c in citations}) if citations else None
        if filed is not None and len(citations) < p.k_citations:
            citations, cited_hits = self._citations(text, hits, deciding + beside + also + [filed], service, named)
        if not citations and verdict not in (Verdict.unclear, Verdict.out_of_scope):
            verdict, deciding = Verdict.unclear, []

        reasons, suggestions = self._reasons(verdict, deciding, cited_hits, cues, service, lang)
        if flagged:
            reasons.insert(0, (f"निर्णायक वाक्य: \"{flagged[0]}\"" if lang == "hi"
                               else f"The sentence that decides: \"{flagged[0]}\""))
        caveats += self._caveats(cited_hits, sc, service, verdict, state)
        return Answer(verdict=verdict, summary=self._summary(verdict, deciding, citations, service, lang),
                      service=service, citations=citations, reasons=reasons, suggestions=suggestions,
                      caveats=caveats, language=lang, flagged=flagged)

    def _outside(self, service: str, lang: str, caveats: list[str]) -> Answer:
        if lang == "hi":
            return Answer(verdict=Verdict.out_of_scope, service=service, language=lang, caveats=caveats,
                          summary=f"{verdict_label(Verdict.out_of_scope, lang)}: यह आचरण नियमों से जुड़ा प्रश्न नहीं लगता, "
                                  "इसलिए Niyam इस पर कोई निर्णय नहीं देता।",
                          reasons=["Niyam बताता है कि AIS और CCS (आचरण) नियमों के तहत अधिकारी क्या पोस्ट कर सकते हैं, "
                                   "क्या कह, लिख या किससे जुड़ सकते हैं।"],
                          suggestions=["किसी पोस्ट, बयान, लेख, समूह या निमंत्रण के बारे में पूछें।"])
        return Answer(verdict=Verdict.out_of_scope, service=service, language=lang, caveats=caveats,
                      summary="This does not look like a question about the conduct rules, so Niyam has no verdict on it.",
                      reasons=["Niyam answers questions about what officers may post, say, write or join under the AIS "
                               "and CCS (Conduct) Rules."],
                      suggestions=["Ask about a post, a statement, an article, a group or an invitation you are "
                                   "considering."])

    def _same_act_elsewhere(self, deciding: list[Finding], sims: np.ndarray, ex: Examples, own: np.ndarray,
                            service: str) -> list[Finding]:
        """The same act caught by a second rule of the asker's rulebook (a paid endorsement is both a misuse of
        position under AIS 3(2B)(vii) and private trade under AIS 13): cited second when one of its examples is
        among the three restricted examples nearest the question and clearly close; or, for an act (either of two)
        decided under the general rule 3, the rule written for that act. Cited only, not a reason."""
        if not deciding or deciding[0].notes:
            return []
        f = deciding[0]
        rows = np.flatnonzero(own & (ex.column("polarity") == "catch")
                              & np.isin(ex.column("verdict"), [v.value for v in RESTRICTIVE])
                              & (ex.column("rulebook") == service))
        have = {rule_key(d.ref) for d in deciding}
        for i in rows[np.argsort(-sims[rows])][:3]:
            m = ex.metas[int(i)]
            same = m["concern"] == f.concern
            if same and rule_key(m["ref"]) not in have and sims[i] >= self.params.cite_bar:
                return [Finding(f.concern, Verdict(m["verdict"]), float(sims[i]), 0.0, m, False, ["cited"])]
        for d in deciding:
            found = self._written_for(d, have, sims, ex, own, service)
            if found:
                return [found]
        return []

    def _filed_under(self, sims: np.ndarray, ex: Examples, own: np.ndarray, service: str,
                     cited: set[str]) -> Finding | None:
        """The rule of the asker's rulebook the pack files posts like this one under: the rule whose labelled
        examples (any verdict) carry at least `filed_share` of the nearest `k` examples' vote, weighted as the
        verdict's vote is. Cited after what decides when it is not cited already, at the section of its nearest
        example: the deciding act names one rule, while a careful adviser also points to the rule the post's own
        kind is written under (a weekend cricket post decided under rule 3, and CCS 15, whose examples of amateur
        sport are most of its neighbours). Citation only: the verdict is decided before this."""
        p = self.params
        rows = np.flatnonzero(own & (ex.column("kind") == "example") & (ex.column("rulebook") == service))
        if not len(rows):
            return None
        near = rows[np.argsort(-sims[rows], kind="stable")][: p.k]
        weight: dict[str, float] = {}
        for i in near:
            key = rule_key(ex.metas[int(i)]["ref"])
            weight[key] = weight.get(key, 0.0) + max(float(sims[i]), 0.0) ** p.power
        total = sum(weight.values())
        if not total:
            return None
        rule = max(weight, key=lambda k: weight[k])
        if rule in cited or weight[rule] / total < p.filed_share:
            return None
        i = next(int(j) for j in near if rule_key(ex.metas[int(j)]["ref"]) == rule)
        return self._finding(ex, i, sims, 0.0, fired=False, notes=["cited"])

    def _written_for(self, f: Finding, have: set[str], sims: np.ndarray, ex: Examples, own: np.ndarray,
                     service: str) -> Finding | None:
        """For an act decided under the general rule (political neutrality, AIS 3(1A)(ii); confidentiality, AIS
        3(2B)(xii)), the rule written for the same act (AIS 5 for party politics, AIS 9 for official information):
        when one of its examples catching a restriction of that act is among the nearest (`specific_near`), or,
        failing that, when the rule holding most of the rulebook's restricted examples of the act has one clearly
        close (`cite_bar`). Cited at a clause that catches the act: never a permissive proviso beside a restriction."""
        if not _general(f.meta) or f.concern == "general_conduct" or f.notes:
            return None
        rows = np.flatnonzero(own & (ex.column("kind") == "example") & (ex.column("rulebook") == service))
        caught = _restricted_catches(ex, own, f.concern)

        def catching(rule: str) -> int | None:  # the nearest example of the act that `rule` catches as a restriction
            rows = np.array([i for i in np.flatnonzero(caught) if rule_key(ex.metas[int(i)]["ref"]) == rule], dtype=int)
            return int(rows[np.argmax(sims[rows])]) if len(rows) else None

        for i in rows[np.argsort(-sims[rows], kind="stable")][: self.params.specific_near]:
            m = ex.metas[int(i)]
            if m["concern"] == f.concern and not _general(m) and rule_key(m["ref"]) not in have:
                # a near example listed under the rule's permissive proviso names the rule; a clause that catches
                # is cited (AIS 5(1), not the election-duty proviso, beside a restriction)
                j = catching(rule_key(m["ref"]))
                j = int(i) if j is None else j
                return Finding(f.concern, Verdict(ex.metas[j]["verdict"]), float(sims[i]), 0.0, ex.metas[j], False,
                               ["cited"])
        home = _home_rule(ex, own, service, f.concern)
        j = catching(home) if home and home not in have else None
        if j is None or sims[j] < self.params.cite_bar:
            return None
        m = ex.metas[j]
        return Finding(f.concern, Verdict(m["verdict"]), float(sims[j]), 0.0, m, False, ["cited"])

    def _clause(self, sc, service: str, state: str | None) -> "Finding | None":
        """The operative clause of an admin-indexed circular closest to the question, when close enough: a
        prohibition ("shall not", "is prohibited") is `not_allowed`, a permission requirement ("without the
        prior permission/sanction of") `needs_sanction`. Only documents that bind the asker count: their
        rulebook, and their State where they name one."""
        idx, p = self.index, self.params
        if not idx.operative_rows:
            return None
        close = idx.operative_vecs @ sc.qvec  # the question against each clause's own words
        best, best_dense = None, -1.0
        for j, i in enumerate(idx.operative_rows):
            m = idx.metas[i]
            if m.get(f"applies_{service}") and binds_state(m, state) and close[j] > best_dense:
                best, best_dense = i, float(close[j])
        if best is None:
            return None
        # Close enough on its own, or, a little less close, the nearest text in the whole index to the question
        # and sharing its words: MiniLM scores a specific clause against a paraphrase modestly.
        nearest = float(max((d for d, m in zip(sc.dense, idx.metas, strict=False) if m.get(f"applies_{service}")), default=-1.0))
        if not (best_dense >= p.clause or (best_dense >= p.clause_near and best_dense >= nearest
                                           and sc.bm25[best] > 0)):
            return None
        m = idx.metas[best]
        verdict = operative_verdict(m["section_text"])
        if verdict is None:
            return None
        meta = {"ref": m["ref"], "document": m["document"], "rulebook": m["rulebook"], "polarity": "catch",
                "verdict": verdict.value, "what": "what this circular forbids", "meaning": "",  # named where cited
                "conditions": "", "compliant": ""}
        return Finding("indexed_clause", verdict, best_dense, 1.0, meta, True, ["clause"])

    def _out_of_scope(self, sims: np.ndarray, ex: Examples, applies: np.ndarray, names_conduct: bool) -> bool:
        """Out of scope when an out-of-scope question is clearly nearer than any conduct example, or merely
        nearer when the question names no conduct act, platform or draft at all."""
        p = self.params
        oos = ex.column("verdict") == "out_of_scope"
        if not oos.any():
            return False
        conduct = ~oos & applies
        best_oos = float(sims[oos].max())
        best_conduct = float(sims[conduct].max()) if conduct.any() else -1.0
        gap = best_oos - best_conduct
        if not names_conduct and gap >= p.scope_plain:
            return True
        return (gap >= p.scope_margin and best_conduct < p.scope_floor) or gap >= p.scope_clear

    def _decide(self, text: str, qvec: np.ndarray, sims: np.ndarray, ex: Examples, applies: np.ndarray,
                own: np.ndarray, cues: Cues, service: str, bar: float | None = None
                ) -> tuple[Verdict, list[Finding], bool]:
        """The verdict from two readings of the labelled examples, blended: the vote of the k nearest (weighted
        by similarity) and the classifier fitted on all of them. Restrictive when needs_sanction and
        not_allowed together reach `restrict` (a permit must be clearly supported); the deciding findings are
        the nearest examples of that verdict. `applies`: the examples that vote; `own`: those of the asker's own
        rulebook. Returns (verdict, deciding findings, evidence mixed)."""
        p, metas = self.params, ex.metas
        rows = np.flatnonzero(applies & (ex.column("kind") == "example") & np.isin(ex.column("verdict"), CONDUCT))
        if not len(rows):
            return Verdict.unclear, [], False
        ranked = rows[np.argsort(-sims[rows], kind="stable")]
        near = ranked[: p.k]
        top = float(sims[near[0]])
        if top < p.weak:
            return Verdict.unclear, [self._finding(ex, int(near[0]), sims, 0.0, fired=False, notes=["weak"])], False
        # Where the facts leave a point unresolved (the July 2024 RSS OM and AIS officers), the pack labels its
        # examples `unclear`; a question nearer one of them than any decided example gets that answer, not a guess.
        # Only the asker's own rulebook counts: the same OM is settled for a CCS employee.
        # The other rulebook's examples do not outvote it either: for an IAS officer asking about an RSS shakha, a
        # CCS example about another organisation ("Jamaat meetings now that the RSS ban is gone", not_allowed) is no
        # answer to the point the facts leave open for AIS.
        unsettled = np.flatnonzero(own & (ex.column("kind") == "example") & (ex.column("verdict") == "unclear"))
        if len(unsettled):
            u = int(unsettled[np.argmax(sims[unsettled])])
            own_near = ranked[own[ranked]]
            own_top = float(sims[own_near[0]]) if len(own_near) else top
            if sims[u] >= max(p.unsettled, own_top):
                return Verdict.unclear, [self._finding(ex, u, sims, 1.0, notes=["unsettled"])], False
        vote = np.zeros(len(CONDUCT))
        for i in near:
            vote[CONDUCT.index(metas[i]["verdict"])] += max(float(sims[i]), 0.0) ** p.power
        vote /= vote.sum() or 1.0
        model = self.models.get(ex, p.c, p.balance)
        predicted = model.predict(qvec, text)
        acts = model.acts_of(predicted)
        learned = model.verdicts_of(predicted, service)[: len(CONDUCT)]
        learned = learned / learned.sum() if learned.sum() > 0 else vote
        w = self._neighbour_weight(near, sims, metas)
        prob = dict(zip(CONDUCT, w * vote + (1 - w) * learned, strict=False))

        restrictive = prob["needs_sanction"] + prob["not_allowed"]
        sanction_first = prob["needs_sanction"] > prob["not_allowed"]
        # A restriction needs one act the post commits, not only a thin spread over many: the likeliest
        # restricted act must reach `act_bar`, unless the restricted evidence as a whole is plainly strong.
        committed = True
        if p.act_bar > 0 and restrictive < p.spread:
            one_act, _ = self._act_evidence(model.acts_of(predicted, service), near, sims, metas, w)
            committed = one_act >= p.act_bar
        mixed = False
        if restrictive >= (p.restrict if bar is None else bar) and committed:
            verdict = Verdict.needs_sanction if sanction_first else Verdict.not_allowed
        elif bar is None and committed and restrictive >= p.restrict - p.doubt:
            verdict, mixed = Verdict.unclear, True
        else:
            verdict = Verdict.allowed_with_care if prob["allowed_with_care"] * p.care >= prob["allowed"] else Verdict.allowed
        basis = verdict.value if verdict != Verdict.unclear else (
            "needs_sanction" if prob["needs_sanction"] > prob["not_allowed"] else "not_allowed")
        # The deciding findings: the concerns of that verdict that carry most of the neighbours' vote, each
        # shown by its nearest example. A restriction is explained by examples its rule *catches*: a restricted
        # near-miss listed under a permissive rule (a duty photo captioned with party praise, under the
        # election-duty proviso) shows where the line is, not which rule draws it. Failing neighbours, the
        # nearest example of the verdict anywhere.
        basis_rows = ranked[ex.column("verdict")[ranked] == basis]
        if basis in ("needs_sanction", "not_allowed"):
            caught = basis_rows[ex.column("polarity")[basis_rows] == "catch"]
            basis_rows = caught if len(caught) else basis_rows
        near_set = set(near.tolist())
        in_near = [int(i) for i in basis_rows if i in near_set]
        weight: dict[str, float] = {}
        for i in in_near:
            weight[metas[i]["concern"]] = weight.get(metas[i]["concern"], 0.0) + max(float(sims[i]), 0.0) ** p.power
        # The concern is the act the post commits: the neighbours' weight per concern blended, like the verdict,
        # with the classifier's probability of each act of that verdict (a topic-near neighbour of another
        # concern no longer names the act).
        act_p = {a.split("|")[0]: pr for a, pr in acts.items()
                 if a.endswith("|" + basis) and not a.startswith(("none|", "other|"))}
        wsum, asum = sum(weight.values()) or 1.0, sum(act_p.values()) or 1.0
        blended = {c: p.blend * weight.get(c, 0.0) / wsum + (1 - p.blend) * act_p.get(c, 0.0) / asum
                   for c in set(weight) | set(act_p)}
        fired = verdict != Verdict.unclear
        deciding = []
        order = sorted(blended, key=lambda c: -blended[c])
        # a second concern is named only when it carries a good part of the evidence too
        for concern in [c for c in order[:2] if blended[c] >= 0.5 * blended[order[0]]]:
            i = next((i for i in in_near if metas[i]["concern"] == concern), None)
            if i is None:
                i = next((int(j) for j in basis_rows if metas[j]["concern"] == concern), None)
            if i is not None:
                deciding.append(self._finding(ex, i, sims, prob[basis], fired=fired))
        if not deciding:
            i = int(basis_rows[0]) if len(basis_rows) else int(near[0])
            deciding.append(self._finding(ex, i, sims, prob[basis], fired=fired))
        if verdict == Verdict.unclear:
            return verdict, deciding[:1], mixed
        moderated = [self._moderate(f, cues, service) for f in deciding]
        worst = max(SEVERITY[f.verdict] for f in moderated)
        moderated = [f for f in moderated if SEVERITY[f.verdict] == worst]
        return moderated[0].verdict, moderated, mixed

    def _neighbour_weight(self, near: np.ndarray, sims: np.ndarray, metas: list[dict]) -> float:
        """How much the nearest examples' vote weighs against the classifier. `blend`, rising to 1 as the nearest
        example goes from `echo` to a near-duplicate of the question; and at least `agree_w` when the nearest
        `agree_n` examples share one verdict, each `agree_sim` close: the classifier reads topic, so two close
        "following party leaders for news" examples outweigh a classifier that sees "party leaders"."""
        p = self.params
        top = float(sims[near[0]]) if len(near) else 0.0
        w = p.blend + (1 - p.blend) * min(1.0, max(0.0, (top - p.echo) / max(1e-6, 1.0 - p.echo)))
        if p.faint > p.weak:
            w *= min(1.0, max(0.0, (top - p.weak) / (p.faint - p.weak)))
        agree = near[: p.agree_n]
        if (p.agree_w > w and len(agree) == p.agree_n and float(sims[agree[-1]]) >= p.agree_sim
                and len({metas[int(i)]["verdict"] for i in agree}) == 1):
            w = p.agree_w
        return w

    def _act_evidence(self, learned: dict[str, float], near: np.ndarray, sims: np.ndarray, metas: list[dict],
                      w: float) -> tuple[float, bool]:
        """How strongly the post commits the one restricted act it most likely commits: the blend, per act, of
        the neighbours' vote and the classifier, summed over that act's restrictive verdicts. Summing over all
        acts instead lets an everyday post's thin spread over forty rare acts (0.03 each) add up to a
        restriction no single act supports. Returns (evidence, needs_sanction rather than not_allowed)."""
        p = self.params
        vote: dict[str, float] = {}
        for i in near:
            key = plain_act(metas[int(i)])
            vote[key] = vote.get(key, 0.0) + max(float(sims[i]), 0.0) ** p.power
        total = sum(vote.values()) or 1.0
        per: dict[str, dict[str, float]] = {}
        for key in set(vote) | set(learned):
            head, verdict = key.split("|")
            if verdict in ("needs_sanction", "not_allowed"):
                acts = per.setdefault(head, {"needs_sanction": 0.0, "not_allowed": 0.0})
                acts[verdict] += w * vote.get(key, 0.0) / total + (1 - w) * learned.get(key, 0.0)
        if not per:
            return 0.0, False
        head = max(per, key=lambda c: sum(per[c].values()))
        return sum(per[head].values()), per[head]["needs_sanction"] > per[head]["not_allowed"]

    def _similarities(self, cosine: np.ndarray, lexical: np.ndarray, other: np.ndarray) -> np.ndarray:
        """Each example's closeness to a text: cosine plus a little BM25, the other rulebook's discounted."""
        sims = cosine + self.params.lexical * lexical
        return np.where(other, sims - (self.params.cross or 0.0), sims)

    def _worst_sentence(self, text: str, ex: Examples, applies: np.ndarray, own: np.ndarray, other: np.ndarray,
                        cues: Cues, service: str, within: str | None = None):
        """The most restricted sentence of a long draft read alone, when one reaches the sentence bar; and the
        sentences' own verdict when every one (at least two, the asker's framing aside) is plainly permitted
        (`calm_share`). Each sentence is read in the language of the whole text (`within`): a short sentence of
        a Hinglish draft is Hinglish too. Returns (worst or None, calm or None)."""
        p = self.params
        parts = segments(text, min_words=p.segment_words)
        if not parts:
            return None, None
        worst, worst_rank = None, (0, False, 0.0)
        calm: tuple | None = None  # the sentences' verdict when every one read is plainly permitted
        calm_ok, n_read = p.calm_share > 0, 0
        # A sentence read for this question is not read again: "Check without it" re-checks the same draft less
        # its deciding sentence, and embedding each sentence twice was most of a long draft's time.
        memo: dict[str, tuple[str, np.ndarray]] = self._sentences if self._sentences is not None else {}
        fresh = list(dict.fromkeys(part for part in parts if part not in memo))
        if fresh:
            readings = [self.reader.read(part, within) for part in fresh]
            read = [drop_disclaimed(r.text, r.lang != "en") if p.disclaim else r.text for r in readings]
            memo.update(zip(fresh, zip(read, self.index.embed_many(read), strict=False), strict=False))
        for part in parts:
            if p.segment_framing and framing(part):
                continue  # the asker's framing ("Does the UP media order affect me?") is asked, not posted
            glossed, vec = memo[part]
            key = (part, service, astuple(cues))
            if self._sentence_verdicts is not None and key in self._sentence_verdicts:
                verdict, deciding = self._sentence_verdicts[key]
            else:
                sims = self._similarities(self.index.example_similarities(vec), self.index.example_lexical(glossed),
                                          other)
                verdict, deciding, _ = self._decide(glossed, vec, sims, ex, applies, own, cues, service,
                                                    bar=p.segment_restrict)
                if self._sentence_verdicts is not None:
                    self._sentence_verdicts[key] = (verdict, deciding)
            n_read += 1
            if (verdict not in (Verdict.allowed, Verdict.allowed_with_care) or not deciding
                    or deciding[0].share < p.calm_share or deciding[0].score < p.segment_near):
                calm_ok = False
            elif calm is None or SEVERITY[verdict] > SEVERITY[calm[0]]:
                calm = (verdict, deciding, False)
            if SEVERITY.get(verdict, 0) < SEVERITY[Verdict.needs_sanction]:
                continue
            if not deciding or max(f.score for f in deciding) < p.segment_near:
                continue  # a fragment like "everything they handled." resembles no restricted post: noise
            # The most severe sentence; among equally severe ones, a sentence of the post before the asker's
            # framing ("Can I go ahead?", "I'm a UDC in CPWD."), then the one read as restricted most surely.
            rank = (SEVERITY[verdict], not framing(part), deciding[0].share if deciding else 0.0)
            if worst is None or rank > worst_rank:
                worst, worst_rank = (part, (verdict, deciding, False)), rank
        return worst, (calm if calm_ok and n_read >= 2 else None)

    def _signal(self, stripped: str, text: str, sims: np.ndarray, ex: Examples, own: np.ndarray, cues: Cues,
                service: str, within: str | None = None) -> tuple[Finding, str | None] | None:
        """The most severe act whose signal words the question (as read) carries, shown by the nearest example
        of the asker's rulebook that the act's rule catches, moderated by the context the asker states; with the
        sentence of a long draft that carries it (never the asker's framing). None: no signal."""
        best: tuple[Finding, str | None] | None = None
        for act, pattern in self.signal_words.items():
            if not pattern.search(text):
                continue
            rows = np.flatnonzero(_restricted_catches(ex, own, act))
            if not len(rows):
                continue
            i = int(rows[np.argmax(sims[rows])])
            found = self._moderate(self._finding(ex, i, sims, 1.0, notes=["signal"]), cues, service)
            if best is None or SEVERITY[found.verdict] > SEVERITY[best[0].verdict]:
                sentence = None
                if len(text) >= self.params.segment_chars:
                    memo = self._sentences or {}
                    for part in segments(stripped, min_words=self.params.segment_words):
                        read = memo[part][0] if part in memo else self.reader.read(part, within).text
                        if pattern.search(read) and not framing(part):
                            sentence = part
                            break
                best = (found, sentence)
        return best

    @staticmethod
    def _finding(ex: Examples, i: int, sims: np.ndarray, share: float, fired: bool = True,
                 notes: list | None = None) -> Finding:
        m = ex.metas[i]
        return Finding(m["concern"], Verdict(m["verdict"]), float(sims[i]), share, m, fired, list(notes or []))

    @staticmethod
    def _own_rulebook(f: Finding, sims: np.ndarray, ex: Examples, own: np.ndarray, service: str) -> Finding:
        """A finding decided by an example outside the asker's rulebook (the other rulebook, or a guideline) is
        restated by the rulebook itself where it has an example of the same concern and verdict, so the rule
        comes first in the reasons and citations; the guideline is still cited where the search ranks it."""
        if f.meta.get("rulebook") == service:
            return f
        rows = np.flatnonzero(own & (ex.column("kind") == "example") & (ex.column("rulebook") == service)
                              & (ex.column("concern") == f.concern) & (ex.column("verdict") == f.verdict.value))
        if SEVERITY.get(f.verdict, 0) >= SEVERITY[Verdict.needs_sanction]:  # as in _decide: a rule that catches it
            caught = rows[ex.column("polarity")[rows] == "catch"]
            rows = caught if len(caught) else rows
        if not len(rows):
            return f
        best = int(rows[np.argmax(sims[rows])])
        return Finding(f.concern, f.verdict, f.score, f.share, ex.metas[best], f.fired, f.notes)

    def _everyday(self, f: Finding, sims: np.ndarray, ex: Examples, applies: np.ndarray, own: np.ndarray,
                  service: str) -> tuple[Finding, Finding | None]:
        """An allowed everyday post (a greeting, a family photo, a trek) is restated by the general rule (AIS 3 /
        CCS 3) when its allowed neighbours are spread over rules and rule 3's everyday examples carry a fair share of
        them: the nearest example sitting under AIS 12 says only that a Diwali greeting is no demonstration in
        one's honour, which is not what a reader needs cited. A post whose allowed neighbours gather under one
        rule (a marathon photo under AIS 13(2)(c), a donation under AIS 10) keeps that rule, unless even its nearest
        example is not close (`everyday_near`): then nothing specific is near and rule 3 is what a reader needs.
        When both are close (rule 3's own everyday example reaches `everyday_general` and the specific one is no
        near-duplicate, below `echo`), the post is everyday conduct that a specific rule also speaks to (a marathon
        photo and AIS 13(2)(c) on amateur sport): rule 3 first, that rule second.
        Returns (the finding to cite first, the rule to cite beside it or None). Citation only: the verdict is
        decided before this."""
        if f.concern != "general_conduct" or f.verdict != Verdict.allowed or _general(f.meta):
            return f, None
        p = self.params
        rows = np.flatnonzero(own & (ex.column("kind") == "example") & (ex.column("rulebook") == service)
                              & (ex.column("concern") == f.concern) & (ex.column("verdict") == f.verdict.value))
        rows = np.array([i for i in rows if _general(ex.metas[int(i)])], dtype=int)
        if not len(rows):
            return f, None
        best = int(rows[np.argmax(sims[rows])])
        general = Finding(f.concern, f.verdict, f.score, f.share, ex.metas[best], f.fired, f.notes)
        near = np.flatnonzero(applies & (ex.column("kind") == "example"))
        near = near[np.argsort(-sims[near], kind="stable")][: p.k]
        near = near[ex.column("verdict")[near] == Verdict.allowed.value]
        weight = np.maximum(sims[near], 0.0) ** p.power
        of_rule_3 = np.array([_general(ex.metas[int(i)]) for i in near], dtype=bool)
        spread = bool(len(near)) and weight.sum() > 0 and weight[of_rule_3].sum() / weight.sum() >= p.everyday_share
        if spread or f.score < p.everyday_near:
            return general, None
        if sims[best] >= p.everyday_general and f.score < p.echo:
            return general, Finding(f.concern, f.verdict, f.score, 0.0, f.meta, False, ["cited"])
        return f, None

    def _moderate(self, f: Finding, cues: Cues, service: str) -> Finding:
        """Context the asker states changes an act's verdict as the pack's acts file says (the AIS 7 / CCS 9
        provisos, Badrinath's private-matter reading of rule 17, sanction obtained)."""
        contexts = {c for c in CONTEXTS if getattr(cues, c)}
        rule = self.acts.moderate(f.concern, f.verdict, service, contexts)
        if rule is None:
            return f
        return Finding(f.concern, rule.verdict, f.score, f.share, f.meta, f.fired, f.notes + [rule.note])

    # -- the evidence ------------------------------------------------------------------------
    def _citations(self, text: str, hits: list[Hit], deciding: list[Finding], service: str,
                   named: list[str] | None = None):
        """The deciding rule first, then the rules the asker names (`named`, rule-level keys: given only for an
        answer that does not restrict), then the search's best: at most k citations, one per rule."""
        order: list[Hit] = []
        for f in deciding:
            h = self._cited_hit(f, hits, service)
            if h and h.metadata.get(f"applies_{service}") and h not in order:
                order.append(h)
        # A rule the asker names is the rule they worry about ("does rule 17A stop me?"): shown next, so the answer
        # says what it holds, when it exists in their rulebook (never a formal provision, never a number guessed).
        for key in named or []:
            h = self._named_hit(key, hits, service)
            if h is not None and h not in order and key not in {rule_key(o.metadata["ref"]) for o in order}:
                order.append(h)
        # Then only what clears the relevance bar: a rule the search finds close in its own words or by its
        # labelled examples, one section per rule, at most k in all; padding to a fixed count is gone. Failing
        # any deciding rule, the search's best is cited so that a verdict is never without a citation.
        p = self.params
        seen = {rule_key(h.metadata["ref"]) for h in order}
        rest = sorted((h for h in hits if h not in order),
                      key=lambda h: h.metadata["rulebook"] != service and h.metadata["source"] != "official"
                      and h.dense < p.circular_first)
        # An answer an indexed circular's clause decides cites that clause and the rules that decide with it,
        # nothing the search merely finds near (AIS 7(i) or AIS 3(1A)(ii) beside an AI-images clause).
        by_clause = any("clause" in f.notes for f in deciding)
        for h in rest:
            key = rule_key(h.metadata["ref"])
            if key in seen or (by_clause and order):
                continue
            if not order or self._relevant(h, service):
                seen.add(key)
                order.append(h)
        # ...and of the rules deciding with the clause, the one its reasons name (a post read as two acts beside
        # the clause is explained by the clause and the first act)
        order = order[: 2 if by_clause else p.k_citations]
        cits = []
        for h in order:
            m = h.metadata
            official = self.index.official_rows.get(m["ref"]) if m["source"] == "digest" else None
            if official is not None:  # quote the official text; the digest explains in the reasons
                m = self.index.metas[official]
            cits.append(Citation(
                ref=m["ref"], rulebook=m["rulebook"], rule=m["rule"], title=m["title"], document=m["document"],
                excerpt=choose(m["section_text"], text, m.get("meaning", "")), source=m["source"],
                status=m["status"], url=m["url"], label=display_ref(m),
            ))
        return cits, order

    def _cited_hit(self, f: Finding, hits: list[Hit], service: str) -> Hit | None:
        """The section a deciding act is cited and explained at: its deciding hit, or, for an act decided by an
        example of the other rulebook that the asker's has no example of (evidence before a committee, AIS 8, for a
        CCS employee), the same rule in the asker's rulebook (CCS 10), before any rule merely cited beside it."""
        h = self._deciding_hit(f, hits)
        if h is not None and not h.metadata.get(f"applies_{service}") and "cited" not in f.notes:
            h = self._counterpart(h, hits, service)
        return h

    def _counterpart(self, h: Hit, hits: list[Hit], service: str) -> Hit | None:
        """The section of the asker's rulebook, among those the search finds for the question, whose own words are
        closest to a section of the other rulebook, when clearly close (`counterpart`): the same rule as the asker's
        rulebook numbers it (AIS 8 and CCS 10 on evidence before a committee; the two rulebooks are written alike).
        None when no section found for the question is that close."""
        idx = self.index
        i = idx.row.get(h.id)
        if i is None:
            return None
        best, close = None, self.params.counterpart
        for c in hits:
            j = idx.row.get(c.id)
            if j is None or c.metadata["rulebook"] != service or _FORMAL.match(c.metadata.get("title", "")):
                continue
            sim = float(idx.section_vectors[j] @ idx.section_vectors[i])
            if sim >= close:
                best, close = c, sim
        return best

    def _relevant(self, h: Hit, service: str) -> bool:
        """Whether a section no act decides is still worth citing: a rule of the asker's rulebook whose own words
        are close (an example near the question says the topic is near, not that the rule decides: a
        transfer-policy post is near a canvassing-for-a-transfer example), never a formal provision (the short
        title, definitions); or an official text an admin indexed, closer still. A department's circular from the
        bundled pack (the MHA's to its own staff, the Finance Ministry's order) binds that department only, and
        which one the asker serves in is not known: it is cited only when nothing else is."""
        m, p = h.metadata, self.params
        if m["rulebook"] == service:
            return h.dense >= p.extra_bar and not _FORMAL.match(m.get("title", ""))
        return m["source"] == "official" and h.dense >= p.circular_first

    def _named_hit(self, key: str, hits: list[Hit], service: str) -> Hit | None:
        """The section of a named rule to cite: its sub-rule the search ranks best, else the rule's own section;
        None when the asker's rulebook has no such rule in force (or of uncertain status) or it is a formal one."""
        ranked = [h for h in hits if h.metadata["rulebook"] == service and rule_key(h.metadata["ref"]) == key]
        if ranked:
            return None if _FORMAL.match(ranked[0].metadata.get("title", "")) else ranked[0]
        idx = self.index
        for i, m in enumerate(idx.metas):
            if m["rulebook"] == service and m["ref"] == key and m.get(f"applies_{service}") and RULES(m) \
                    and not _FORMAL.match(m.get("title", "")):
                return Hit(id=idx.ids[i], text=idx.texts[i], metadata=m)
        return None

    def _deciding_hit(self, f: Finding, hits: list[Hit]) -> Hit | None:
        """The deciding rule, at the sub-rule of the same concern and verdict the search ranks best (7(i) rather
        than 7(iii) for a policy post; never a permissive proviso for a restriction), else the example's own section."""
        same = [h for h in hits if h.metadata["document"] == f.document and rule_key(h.metadata["ref"]) == rule_key(f.ref)
                and (h.metadata["ref"] == f.ref or (h.metadata.get("concern") == f.concern
                                                     and h.metadata.get("guidance_verdict") == f.meta.get("verdict")))]
        return same[0] if same else self._hit_for_ref(f.document, f.ref)

    def _hit_for_ref(self, document: str, ref: str) -> Hit | None:
        i = self.index.row.get(f"{document}::{ref}")
        if i is None:
            return None
        return Hit(id=self.index.ids[i], text=self.index.texts[i], metadata=self.index.metas[i])

    def _reasons(self, verdict: Verdict, deciding: list[Finding], hits: list[Hit], cues: Cues, service: str,
                 lang: str = "en"):
        """One reason per deciding act, naming its rule, then the context that moderated it; one suggestion per act
        (the pack's compliant wording, or its Hindi advice)."""
        reasons, suggestions = [], []
        for f in deciding[:2]:
            h = self._cited_hit(f, hits, service)  # the cited section of the deciding rule
            if not h:
                continue
            m = h.metadata
            where = f"{display_ref(m)} ({m['title']})"
            if "clause" in f.notes:  # named by its title and reference, at its paragraph; never by its id
                name, _, para = display_ref(m).rpartition(", ")
                reasons.append(self.acts.note("clause", lang, document=name or display_ref(m), ref=para or m["ref"]))
            elif lang == "hi":
                what = self.acts.name(f.concern, "hi") if f.fired and f.meta.get("polarity") == "catch" else ""
                reasons.append(f"यह पोस्ट {what} के रूप में पढ़ी जाती है: {where}।" if what else f"सबसे निकट नियम: {where}।")
            else:
                g = f.meta if f.ref == m["ref"] else {}
                gist = g.get("meaning") or m.get("meaning") or m["title"]
                what = f.what
                reasons.append(f"This reads as {what}. {where}: {gist}" if f.fired and what
                               else f"The closest rule is {where}: {gist}")
            proviso = (" and in the due performance of assigned duties" if service == "AIS"
                       else " or in the due performance of duties")
            for note in f.notes:
                if note in ("clause",):
                    continue
                text = self.acts.note(note, lang, rule=rule_key(f.ref), service=service, proviso=proviso)
                if text:
                    reasons.append(text)
            if lang == "hi":
                act = self.acts.acts.get(f.concern)
                if act and act.advice_hi and verdict not in (Verdict.allowed,):
                    suggestions.append(act.advice_hi)
            elif f.meta.get("compliant"):
                suggestions.append(f.meta["compliant"])
        if verdict == Verdict.unclear:
            authority = self.acts.authority(service, lang)
            suggestions.append(f"पोस्ट करने से पहले {authority} से पूछें और उनका जवाब रखें।" if lang == "hi"
                               else f"Ask {authority} before posting, and keep their reply.")
        if lang != "hi" and verdict in (Verdict.not_allowed, Verdict.allowed_with_care) and \
                any(f.concern in ("criticism_of_policy", "centre_state_foreign_relations") for f in deciding[:1]):
            suggestions.append("A \"views are personal\" disclaimer does not make criticism of policy compliant.")
        return reasons, list(dict.fromkeys(suggestions))

    def _caveats(self, hits: list[Hit], sc, service: str, verdict: Verdict, state: str | None = None) -> list[str]:
        # Status in plain words, once per answer; the pack's research notes (and their confidence markers) stay
        # in the pack for maintainers.
        out = []
        unsettled = [display_ref(h.metadata) for h in hits if h.metadata["status"] != "in_force"]
        unchecked = [display_ref(h.metadata) for h in hits
                     if h.metadata["status"] == "in_force" and not h.metadata.get("verified", True)]
        if unsettled:
            out.append(f"The status of {', '.join(unsettled)} is not settled in the sources, so lean on it with care.")
        if unchecked:
            out.append(f"The wording of {', '.join(unchecked)} in Niyam is not yet checked against the Gazette text.")
        idx = self.index
        # State instructions and precedents: context, never the verdict's basis
        # (for an asker whose State is known, only their own State's instructions are looked at)
        states = idx.mask(None, lambda m: m["doc_kind"] in ("circular", "guideline") and m.get("state_specific")
                          and m["status"] == "in_force" and (state is None or binds_state(m, state)))
        for h in idx.rank(sc, states, k=1):
            if h.dense < 0.45:
                continue
            where = [a for a in h.metadata["applies_to"].split(",") if a not in ("AIS", "CCS")]
            names = ", ".join(state_name(a) for a in where)
            title = display_ref(h.metadata)
            if state is None:  # not known: said conditionally, never as the basis of the verdict
                out.append(f"If you serve in {names}, {title} may also bind you.")
            elif state.upper() in where:
                out.append(f"{title} applies to your State" + (
                    "; whether a State instruction binds an AIS officer is not settled in the sources, so ask your "
                    "cadre authority." if service == "AIS" else "."))
        drafts = idx.mask(service, lambda m: m["status"] in ("draft", "superseded"))
        for h in idx.rank(sc, drafts, k=1):
            if h.dense >= 0.45:
                out.append(f"{h.metadata['document_title']} is a {h.metadata['status']} text and is not cited as in "
                           "force.")
        if verdict not in (Verdict.allowed,):
            cases = idx.mask(None, lambda m: m["doc_kind"] == "case")
            for h in idx.rank(sc, cases, k=1):
                if h.dense >= 0.45:
                    out.append(f"A similar precedent: {h.metadata['title']} ({h.metadata['document_title']}).")
        return out

    def _summary(self, verdict: Verdict, deciding: list[Finding], cits: list[Citation], service: str,
                 lang: str = "en") -> str:
        words = SUMMARIES["hi" if lang == "hi" else "en"]
        f = deciding[0] if deciding else None
        ref = cits[0].shown_ref if cits else ""  # an indexed document by its title and reference, not its id
        if verdict == Verdict.unclear:
            near = words["near"].format(ref=ref, title=cits[0].title) if cits else ""
            key = "unsettled" if f and "unsettled" in f.notes else "unclear"
        elif f and "clause" in f.notes and cits and verdict in RESTRICTIVE:
            # an indexed circular's clause says it in its own words: named once, as it is cited
            return words[f"clause_{verdict.value}"].format(label=verdict_label(verdict, lang), ref=ref)
        else:
            near, key = "", verdict.value
        if lang == "hi":
            what = self.acts.name(f.concern, "hi") if f and f.fired and f.meta.get("polarity") == "catch" else ""
        else:
            what = f.what if f else ""
        return words[key].format(label=verdict_label(verdict, lang), what=what or words["a post"], ref=ref, near=near)


# The summary's wording per verdict, in the two languages an answer is given in.
SUMMARIES = {
    "en": {
        "a post": "a post like this",
        "near": " The nearest rule is {ref} ({title}).",
        "unsettled": "{label}: the sources leave this point unsettled for your service.{near}",
        "unclear": "{label}: no rule clearly decides this.{near}",
        "allowed": "{label}: nothing in the conduct rules bars this, on the facts given ({ref}).",
        "allowed_with_care": "{label}: permissible as described, but {what} is governed by {ref}; stay within its limits.",
        "needs_sanction": "{label}: {what} needs the Government's previous sanction under {ref}.",
        "not_allowed": "{label}: {what} is barred by {ref}.",
        "clause_not_allowed": "{label}: {ref}, forbids this.",
        "clause_needs_sanction": "{label}: {ref}, requires prior permission for this.",
    },
    "hi": {
        "a post": "ऐसी पोस्ट",
        "near": " निकटतम नियम: {ref}।",
        "unsettled": "{label}: स्रोत आपकी सेवा के लिए इस बिंदु को अनसुलझा छोड़ते हैं।{near}",
        "unclear": "{label}: कोई नियम इसे स्पष्ट रूप से तय नहीं करता।{near}",
        "allowed": "{label}: दिए गए तथ्यों पर आचरण नियमों में इसकी कोई मनाही नहीं है ({ref})।",
        "allowed_with_care": "{label}: जैसा बताया गया है वैसा ठीक है, पर {what} पर {ref} लागू होता है; उसकी सीमा में रहें।",
        "needs_sanction": "{label}: {what} के लिए {ref} के तहत सरकार की पूर्व अनुमति ज़रूरी है।",
        "not_allowed": "{label}: {ref} के तहत {what} की अनुमति नहीं है।",
        "clause_not_allowed": "{label}: {ref} इसकी मनाही करता है।",
        "clause_needs_sanction": "{label}: {ref} के अनुसार इसके लिए पहले अनुमति ज़रूरी है।",
    },
}
