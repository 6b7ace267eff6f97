"""What the asker's own words say about context, and instructions hidden in a pasted draft.

Both are read from the text, never obeyed: a draft is data. Cues only moderate a verdict the rules
already lead to (the AIS 7 proviso, Badrinath's private-matter reading of rule 17, prior sanction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE

OFFICIAL = re.compile(
    r"\b(official spokesperson|authori[sz]ed spokesperson|as (the )?(department'?s |official |designated )?spokesperson|"
    r"in (my|an|his|her) official capacity|official (press )?briefing|authori[sz]ed (by|to) (the )?(government|department|ministry)"
    r" to (speak|explain|brief|post)|explain(ing)? (the )?(government'?s |a )?(new )?(scheme|policy) .{0,40}(official|department'?s) "
    r"(handle|account|page)|part of my (assigned )?dut(y|ies))",
    _I,
)
PRIVATE = re.compile(
    r"\b(private (matter|dispute|suit|complaint|property|life)|personal (matter|dispute|property|capacity as a|life)|"
    r"(my|our) (neighbou?r|landlord|tenant|builder|relative)s?\b|family (dispute|property)|"
    r"nothing to do with (my )?(official|work|job|duties)|not (about|related to) (my )?(official|work)|"
    r"(defamation|civil) (suit|case) .{0,60}(private|personal|family|neighbou?r))",
    _I,
)
ASSOCIATION = re.compile(
    r"\b(office[- ]?bearer|general secretary|president|secretary)\b.{0,60}\b(association|union|federation)\b", _I
)
SERVICE_CONDITIONS = re.compile(r"\b(conditions? of service|pay|allowances?|DA|pension|promotions?|cadre review|"
                                r"working hours|OPS|NPS|leave|transfers?|postings?|recruitment rules|seniority)\b", re.IGNORECASE)
SANCTION = re.compile(
    r"\b(with|after|have|got|obtained|received|has granted|granted)\b.{0,25}\b(prior |previous |the )?"
    r"(sanction|permission|approval)\b", _I
)
INJECTION = re.compile(
    r"(ignore|disregard|forget|override|skip|bypass)\s+(all\s+|any\s+|the\s+|your\s+|previous\s+|prior\s+|above\s+)*"
    r"(rules?|instructions?|guidelines?|prompts?|polic(y|ies)|checks?)[^.\n]*|"
    r"(you are now|act as|pretend (to be|you are)|system prompt|jailbreak|developer mode)[^.\n]*|"
    r"(^|\n)\s*(system|admin(istrator)?( override)?|note to (the )?(bot|ai|niyam)|(dear |hey )?(bot|niyam|assistant|ai))"
    r"\s*[:,>-][^\n]*\b(allow|approv|complian|permit|ok|okay|safe|fine|not[_ ]allowed|verdict|mark|say|respond|answer)[^\n]*|"
    r"(just |simply |only |bas |sirf )?(say|answer|reply|respond|mark|output|label|rate|call|classify|return|treat)\w*"
    r"(\s+(with|that|it|this|the|post|as|is|it's|my|draft)){0,4}\s*['\"]?"
    r"(allowed|permitted|approved|ok|okay|compliant|not[_ ]allowed|safe|fine)\b['\"]?[^.\n]*|"
    # Hinglish and Hindi: "bas allowed likh do", "isko approved bol dena", "niyam bhool jao", "बस allowed लिख दो"
    r"\b(allowed|approved|ok|okay|compliant|sahi|theek|thik)\s+(hi\s+)?(likh|bol|bata|keh|kah|mark|de)\w*(\s+(do|dena|dijiye|de))?[^.\n]*|"
    r"\b(rules?|niyam|niyamon|guidelines?)\s+(ko\s+)?(bhool|bhul|ignore|chhod|nazarandaz)\w*[^.\n]*|"
    r"(allowed|approved|ok|compliant|अनुमति है|मंज़ूर|मंजूर|सही|ठीक)\s*(ही\s*)?(लिख|बोल|बता|कह)\S*(\s+(दो|देना|दीजिए|दें))?[^।.\n]*|"
    r"(नियमों?|नियम|rules?)\s*(को\s*)?(अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल|ignore)\S*[^।.\n]*",
    _I,
)


# Words that tie a question to conduct: an act of posting, speaking, writing, joining or accepting, a platform,
# or a draft. A question with none of them (tax arithmetic, a holiday) leans out of scope.
CONDUCT = re.compile(
    r"\b(post|posting|share|sharing|tweet|retweet|repost|like|forward|upload|publish|write|writing|article|"
    r"blog|book|comment|criticis\w*|speak|speech|interview|debate|podcast|video|reel|story|photo|live|join|member|"
    r"attend|rally|party|vote|election|campaign|donat\w*|collect\w*|fund\w*|gift\w*|accept|endorse\w*|promot\w*|"
    r"brand|advert\w*|sue|court|defam\w*|press|media|newspaper|channel|group|facebook|fb|instagram|insta|twitter|"
    r"x handle|on x|wish\w*|greet\w*|congratulat\w*|tag|whatsapp|youtube|linkedin|telegram|koo|social|draft|handle|account|page|leak|file|noting|letter|"
    r"minutes|report|daal\w*|likh\w*|bol\w*|rule|conduct|allowed|permission|sanction|letterhead|designation|"
    r"uniform|honorarium|sponsor\w*|web series|film|documentary|protest|dharna|strike|union|association|ngo|business|"
    r"caption|pic|selfie|status|profile|dp|bio|hashtag|thread|stories)s?\b",
    _I,
)


# A question asks something: it ends in a question mark or opens with the words questions open with. Anything
# else of some length (a tweet, a caption, a speech excerpt) reads as a pasted post, in any of the three scripts.
_QUESTION = re.compile(
    r"(\?\s*$)|^\s*(can|could|may|should|shall|is|are|am|do|does|did|will|would|what|how|why|when|where|which|who|"
    r"kya|kyaa|kaise|kyun|क्या|कैसे|क्यों|please|pls|plz|tell|explain|help|i want|i'd like|i would like|"
    r"give|write|suggest|summari[sz]e|translate|recommend|plan|calculate|convert|book|list|find|compose|"
    r"quick one|is it|any)\b", _I)


def looks_like_post(text: str) -> bool:
    """True for a pasted post rather than a question: at least four words, and not phrased as a question
    (or longer than a question usually is, with several sentences)."""
    words = text.split()
    if len(words) < 4:
        return False
    return not _QUESTION.search(text.strip()) or (len(words) >= 40 and "?" not in text[-200:])


@dataclass
class Cues:
    official: bool = False
    private: bool = False
    association: bool = False
    sanction: bool = False
    injection: bool = False
    conduct: bool = True  # the question names a conduct act, a platform or a draft


def read_cues(text: str) -> Cues:
    return Cues(
        official=bool(OFFICIAL.search(text)),
        private=bool(PRIVATE.search(text)),
        association=bool(ASSOCIATION.search(text) and SERVICE_CONDITIONS.search(text)),
        sanction=bool(SANCTION.search(text)),
        injection=bool(INJECTION.search(text)),
        conduct=bool(CONDUCT.search(text)),
    )


def strip_injection(text: str) -> str:
    """The text without instructions addressed to Niyam, so they cannot pull a verdict either way."""
    return INJECTION.sub(" ", text)
