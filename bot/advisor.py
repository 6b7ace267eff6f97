"""The advisor: a question (or a pasted draft) and the asker's service in, a cited Answer out.

How it decides:
1. Instructions addressed to Niyam inside the text are removed before anything reads it (a draft is data).
2. The question is embedded once; its similarity to every labelled example of the pack (cosine, plus a
   little BM25 so that decisive words such as "party" or "donate" count) is computed.
3. Out of scope when its nearest labelled questions are out-of-scope ones.
4. Two readings of the labelled examples are blended into a probability for each verdict: the vote of the
   k nearest (weighted by similarity) and a linear classifier fitted on all of them (bot/classifier.py).
   A restrictive verdict is given as soon as needs_sanction and not_allowed together pass a low bar, since
   a permit must be clearly supported; context the asker states (official capacity, a private matter, a
   service-association office, sanction already obtained) then moderates it.
5. A question far from every example, or whose evidence sits right at the bar, is `unclear`.
6. Citations come from the hybrid search within the asker's rulebook, the deciding rule first; every
   excerpt is a verbatim sentence of the indexed text. No citation, no verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bot.answer import Answer, Citation, VERDICT_LABELS
from bot.classifier import CLASSES, ModelCache
from bot.cues import Cues, read_cues, strip_injection
from bot.excerpt import choose
from bot.segments import segments
from knowledge.model import SEVERITY, Verdict, rule_key
from retrieval.search import RULES, Examples, Hit, SearchIndex


@dataclass
class Params:
    """Thresholds, chosen with `benchmarks/tune.py` on the development set and the first held-out set together
    (see BENCHMARKS.md): among the settings with no dangerous permit there, the most accurate."""

    k: int = 12  # labelled neighbours that vote
    power: float = 8.0  # a neighbour's vote is its similarity to this power: the closest count most
    lexical: float = 0.1  # weight of an example's (scaled) BM25 score added to its cosine similarity
    blend: float = 0.5  # weight of the neighbours' vote against the classifier's probabilities
    c: float = 16.0  # the classifier's inverse regularisation
    balanced: bool = True  # the classifier weighs each verdict's examples equally, however many there are
    restrict: float = 0.25  # a restrictive verdict is given when needs_sanction + not_allowed reach this
    doubt: float = 0.0  # ...and `unclear` when they come within this of it: the evidence is mixed
    segment_restrict: float = 0.6  # a long draft is restricted when one sentence alone reaches this bar
    segment_chars: int = 200  # ...read sentence by sentence only from this length
    care: float = 1.0  # allowed_with_care over allowed when its probability, times this, is at least as high
    weak: float = 0.35  # nearest example below this: nothing is known, `unclear`
    unsettled: float = 0.6  # `unclear` when the nearest example is one the pack labels unclear, this close
    scope_margin: float = 0.03  # out of scope when an out-of-scope question is this much closer...
    scope_floor: float = 0.50  # ...and no conduct example reaches this,
    scope_clear: float = 0.15  # ...or when it is closer by this much, whatever the conduct examples say
    scope_plain: float = -0.25  # a question naming no conduct act is out of scope unless clearly nearer conduct
    cross: float | None = 0.0  # the other rulebook's examples vote, discounted by this (None: they do not)
    cross_exclude: tuple = ("media_publication",)
    k_citations: int = 4
    circular_first: float = 0.55  # a circular ranks among the rules only when its text is this close
    max_chars: int = 4000


CONCERNS = {
    "criticism_of_policy": "adverse public criticism of a current or recent government policy or action",
    "centre_state_foreign_relations": "a statement that could embarrass Centre–State or foreign relations",
    "political_activity": "taking part in politics or elections, or showing a political preference",
    "communal_content": "communal or religious content that divides, or a group along religious lines",
    "confidential_information": "sharing official documents or information without authority",
    "fundraising": "asking for or raising funds or contributions",
    "gifts": "accepting gifts, free products, trips or hospitality",
    "commercial_endorsement": "commercial work, paid promotion or endorsements",
    "media_publication": "writing, broadcasting or taking part in media programmes",
    "vindication": "going to the press or a court to defend an official act",
    "attacks_on_colleagues": "a public attack on a colleague or senior officer",
    "self_promotion": "felicitation, fan pages or self-promotion",
    "official_accounts": "using an official account, designation or letterhead for personal views",
    "canvassing_influence": "bringing political or outside influence on your own service matters",
    "general_conduct": "a personal post on a non-official subject",
}

CONDUCT = list(CLASSES[:4])  # the verdicts the examples teach, in order of severity

CADRE_AUTHORITY = {
    "AIS": "your cadre controlling authority (the State's General Administration / Personnel Department, or DoPT "
           "for officers serving the Union)",
    "CCS": "your administrative ministry or department (its administration or vigilance section)",
}


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
        return CONCERNS.get(self.concern, "") if self.meta.get("polarity") == "catch" else ""


class Advisor:
    def __init__(self, index: SearchIndex, params: Params | None = None):
        self.index = index
        self.params = params or Params()
        self.models = ModelCache()

    # -- the decision ------------------------------------------------------------------------
    def ask(self, question: str, service: str = "AIS", *, state: str | None = None, lang: str | None = None) -> Answer:
        """`service`: the asker's rulebook (a `Rulebook` or its code); `state`: the asker's State code or CENTRE
        (None: not known); `lang`: the language of the answer's own words, `en` or `hi` (None: the question's)."""
        service = str(service).upper()
        raw = (question or "").strip()
        if not raw:
            return Answer(verdict=Verdict.unclear, summary="There is no question to answer: send the post or the question.",
                          service=service, reasons=[], suggestions=["Paste the draft post or ask in a sentence."])
        self.index.refresh()
        p = self.params
        cues = read_cues(raw)
        text = strip_injection(raw)[: p.max_chars].strip() or raw[: p.max_chars]
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

        if self._out_of_scope(sims, ex, applies, cues.conduct):
            return Answer(
                verdict=Verdict.out_of_scope, service=service,
                summary="This does not look like a question about the conduct rules, so Niyam has no verdict on it.",
                reasons=["Niyam answers questions about what officers may post, say, write or join under the AIS and "
                         "CCS (Conduct) Rules."],
                suggestions=["Ask about a post, a statement, an article, a group or an invitation you are considering."],
                caveats=caveats,
            )

        verdict, deciding, mixed = self._decide(text, sc.qvec, sims, ex, applies, own, cues, service)
        if SEVERITY.get(verdict, 0) < SEVERITY[Verdict.needs_sanction] and len(text) >= p.segment_chars:
            worst = self._worst_sentence(text, ex, applies, own, other, cues, service)
            if worst:
                sentence, (verdict, deciding, mixed) = worst
                caveats.append(f"One sentence decides this: \"{sentence[:160]}\"")
        deciding = [self._own_rulebook(f, sims, ex, own, service) for f in deciding]
        if mixed:
            caveats.append("Posts like this one fall on both sides of the rules; the answer depends on details "
                           "best checked with your cadre authority.")

        allowed_rows = self.index.mask(service, RULES)
        hits = self.index.rank(sc, allowed_rows, k=12)
        citations, cited_hits = self._citations(text, hits, deciding, service)
        if not citations and verdict not in (Verdict.unclear, Verdict.out_of_scope):
            verdict, deciding = Verdict.unclear, []

        reasons, suggestions = self._reasons(verdict, deciding, cited_hits, cues, service)
        caveats += self._caveats(cited_hits, sc, service, verdict)
        return Answer(verdict=verdict, summary=self._summary(verdict, deciding, citations, service), service=service,
                      citations=citations, reasons=reasons, suggestions=suggestions, caveats=caveats)

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
        unsettled = np.flatnonzero(own & (ex.column("kind") == "example") & (ex.column("verdict") == "unclear"))
        if len(unsettled):
            u = int(unsettled[np.argmax(sims[unsettled])])
            if sims[u] >= max(p.unsettled, top):
                return Verdict.unclear, [self._finding(ex, u, sims, 1.0, notes=["unsettled"])], False
        vote = np.zeros(len(CONDUCT))
        for i in near:
            vote[CONDUCT.index(metas[i]["verdict"])] += max(float(sims[i]), 0.0) ** p.power
        vote /= vote.sum() or 1.0
        learned = self.models.get(ex, p.c, p.balanced).proba(qvec, text)[: len(CONDUCT)]
        learned = learned / learned.sum() if learned.sum() > 0 else vote
        prob = dict(zip(CONDUCT, p.blend * vote + (1 - p.blend) * learned))

        restrictive = prob["needs_sanction"] + prob["not_allowed"]
        mixed = False
        if restrictive >= (p.restrict if bar is None else bar):
            verdict = Verdict.needs_sanction if prob["needs_sanction"] > prob["not_allowed"] else Verdict.not_allowed
        elif bar is None and restrictive >= p.restrict - p.doubt:
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
        fired = verdict != Verdict.unclear
        deciding = []
        order = sorted(weight, key=lambda c: -weight[c])
        # a second concern is named only when it carries a good part of the vote too
        for concern in [c for c in order[:2] if weight[c] >= 0.5 * weight[order[0]]]:
            i = next(i for i in in_near if metas[i]["concern"] == concern)
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

    def _similarities(self, cosine: np.ndarray, lexical: np.ndarray, other: np.ndarray) -> np.ndarray:
        """Each example's closeness to a text: cosine plus a little BM25, the other rulebook's discounted."""
        sims = cosine + self.params.lexical * lexical
        return np.where(other, sims - (self.params.cross or 0.0), sims)

    def _worst_sentence(self, text: str, ex: Examples, applies: np.ndarray, own: np.ndarray, other: np.ndarray,
                        cues: Cues, service: str):
        """The most restricted sentence of a long draft read alone, when one reaches the sentence bar."""
        p = self.params
        parts = segments(text)
        if not parts:
            return None
        worst = None
        for part, vec in zip(parts, self.index.embed_many(parts)):
            sims = self._similarities(self.index.example_similarities(vec), self.index.example_lexical(part), other)
            verdict, deciding, _ = self._decide(part, vec, sims, ex, applies, own, cues, service,
                                                bar=p.segment_restrict)
            if SEVERITY.get(verdict, 0) >= SEVERITY[Verdict.needs_sanction] and \
                    (worst is None or SEVERITY[verdict] > SEVERITY[worst[1][0]]):
                worst = (part, (verdict, deciding, False))
        return worst

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

    def _moderate(self, f: Finding, cues: Cues, service: str) -> Finding:
        v, notes = f.verdict, list(f.notes)
        if f.concern in ("criticism_of_policy", "centre_state_foreign_relations") and cues.official:
            v = Verdict.allowed_with_care
            notes.append("official")
        elif f.concern == "criticism_of_policy" and service == "CCS" and cues.association:
            v = Verdict.allowed_with_care
            notes.append("association")
        elif f.concern == "vindication" and cues.private:
            v = Verdict.allowed
            notes.append("private")
        elif v == Verdict.needs_sanction and cues.sanction:
            v = Verdict.allowed_with_care
            notes.append("sanctioned")
        return Finding(f.concern, v, f.score, f.share, f.meta, f.fired, notes)

    # -- the evidence ------------------------------------------------------------------------
    def _citations(self, text: str, hits: list[Hit], deciding: list[Finding], service: str):
        """The deciding rule first, then the search's best: at most k citations, one per rule."""
        order: list[Hit] = []
        for f in deciding:
            h = self._deciding_hit(f, hits)
            if h and h.metadata.get(f"applies_{service}") and h not in order:
                order.append(h)
        # then the search's best, one section per rule, the asker's rulebook before circulars that supplement it
        seen = {rule_key(h.metadata["ref"]) for h in order}
        # (an official text an admin indexed is never demoted: it is the newest word on its subject)
        rest = sorted((h for h in hits if h not in order),
                      key=lambda h: h.metadata["rulebook"] != service and h.metadata["source"] != "official"
                      and h.dense < self.params.circular_first)
        for h in rest:
            key = rule_key(h.metadata["ref"])
            if key not in seen:
                seen.add(key)
                order.append(h)
        order = order[: self.params.k_citations]
        # The section whose own words are closest to the question is always cited, even where rules with
        # labelled examples outrank it: a newly indexed circular has no examples yet.
        closest = max(hits, key=lambda h: h.dense, default=None)
        if closest is not None and len(order) == self.params.k_citations and \
                rule_key(closest.metadata["ref"]) not in {rule_key(h.metadata["ref"]) for h in order[:-1]}:
            order[-1] = closest
        cits = []
        for h in order:
            m = h.metadata
            official = self.index.official_rows.get(m["ref"]) if m["source"] == "digest" else None
            if official is not None:  # quote the official text; the digest explains in the reasons
                m = self.index.metas[official]
            cits.append(Citation(
                ref=m["ref"], rulebook=m["rulebook"], rule=m["rule"], title=m["title"], document=m["document"],
                excerpt=choose(m["section_text"], text, m.get("meaning", "")), source=m["source"],
                status=m["status"], url=m["url"],
            ))
        return cits, order

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

    def _reasons(self, verdict: Verdict, deciding: list[Finding], hits: list[Hit], cues: Cues, service: str):
        reasons, suggestions = [], []
        for f in deciding[:2]:
            h = self._deciding_hit(f, hits)  # the cited section of the deciding rule
            if not h:
                continue
            m = h.metadata
            g = f.meta if f.ref == m["ref"] else {}
            gist = g.get("meaning") or m.get("meaning") or m["title"]
            what = f.what
            if f.fired and what:
                reasons.append(f"This reads as {what}. {m['ref']} ({m['title']}): {gist}")
            else:
                reasons.append(f"The closest rule is {m['ref']} ({m['title']}): {gist}")
            g = f.meta
            if "official" in f.notes:
                reasons.append(f"You say you speak in an official capacity: the proviso to {rule_key(f.ref)} exempts "
                               "statements made in official capacity" + (" and in the due performance of assigned duties"
                               if service == "AIS" else " or in the due performance of duties") +
                               ", so keep to the Government's position and your assigned duties.")
            if "association" in f.notes:
                reasons.append("As an office-bearer of a service association, bona fide views on conditions of service "
                               "are exempted by the proviso to CCS 9; criticism beyond that is not.")
            if "private" in f.notes:
                reasons.append(f"{rule_key(f.ref)} covers official acts only; a private matter does not need its "
                               "sanction (Government of Tamil Nadu v. Badrinath, 1987).")
            if "unsettled" in f.notes:
                reasons.append(f"The sources Niyam holds leave this point unresolved for {service} officers, so it "
                               "gives no verdict of its own.")
            if "sanctioned" in f.notes:
                reasons.append("You say sanction was obtained: keep within its terms and keep a copy of the order.")
            if g.get("conditions"):
                reasons.append(f"When this changes: {g['conditions']}")
            if g.get("compliant"):
                suggestions.append(g["compliant"])
        if verdict == Verdict.unclear:
            suggestions.append(f"Ask {CADRE_AUTHORITY.get(service, 'your cadre authority')} before posting, "
                               "and keep their reply.")
        if any(f.concern in ("criticism_of_policy", "centre_state_foreign_relations") for f in deciding[:1]) and \
                verdict in (Verdict.not_allowed, Verdict.allowed_with_care):
            suggestions.append("A \"views are personal\" disclaimer does not make criticism of policy compliant.")
        return reasons, list(dict.fromkeys(suggestions))

    def _caveats(self, hits: list[Hit], sc, service: str, verdict: Verdict) -> list[str]:
        out = []
        for h in hits:
            m = h.metadata
            note = m.get("notes") or "its text could not be checked against an official copy"
            if m["status"] != "in_force":
                out.append(f"{m['ref']}: its status is {m['status'].replace('_', ' ')}, so lean on it with care. {note}")
            elif not m.get("verified", True):
                out.append(f"{m['ref']}: the wording in Niyam's digest is not fully verified. {note}")
        idx = self.index
        # State instructions and precedents: context, never the verdict's basis
        state = idx.mask(None, lambda m: m["doc_kind"] in ("circular", "guideline") and m.get("state_specific")
                         and m["status"] == "in_force")
        for h in idx.rank(sc, state, k=1):
            if h.dense >= 0.45:
                where = ", ".join(a for a in h.metadata["applies_to"].split(",") if a not in ("AIS", "CCS"))
                out.append(f"If you serve in {where}, {h.metadata['document_title']} may also bind "
                           f"({h.metadata['ref']}); for AIS officers a State instruction is an executive instruction, "
                           "not the AIS Rules.")
        drafts = idx.mask(service, lambda m: m["status"] in ("draft", "superseded"))
        for h in idx.rank(sc, drafts, k=1):
            if h.dense >= 0.45:
                out.append(f"{h.metadata['document_title']} is a {h.metadata['status']} text and is not cited as in "
                           "force.")
        if verdict not in (Verdict.allowed,):
            cases = idx.mask(None, lambda m: m["doc_kind"] == "case")
            for h in idx.rank(sc, cases, k=1):
                if h.dense >= 0.45:
                    out.append(f"A similar precedent: {h.metadata['title']} ({h.metadata['ref']}).")
        return out

    def _summary(self, verdict: Verdict, deciding: list[Finding], cits: list[Citation], service: str) -> str:
        label = VERDICT_LABELS[verdict]
        if verdict == Verdict.unclear:
            near = f" The nearest rule is {cits[0].ref} ({cits[0].title})." if cits else ""
            if deciding and "unsettled" in deciding[0].notes:
                return f"{label}: the sources leave this point unsettled for your service.{near}"
            return f"{label}: no rule clearly decides this.{near}"
        f = deciding[0] if deciding else None
        what = (f.what if f else "") or "a post like this"
        ref = cits[0].ref if cits else ""
        if verdict == Verdict.allowed:
            return f"{label}: nothing in the conduct rules bars this, on the facts given ({ref})."
        if verdict == Verdict.allowed_with_care:
            return f"{label}: permissible as described, but {what} is governed by {ref}; stay within its limits."
        if verdict == Verdict.needs_sanction:
            return f"{label}: {what} needs the Government's previous sanction under {ref}."
        return f"{label}: {what} is barred by {ref}."
