"""The asker's State: ISO 3166-2:IN codes without the `IN-` prefix (`KL`, `UP`…), or CENTRE (the contract's `--state`).

The list, the English names and the Hindi names come from pycountry (ISO 3166-2 and its translations), so a
renamed or recoded State (Chhattisgarh CT -> CG, Odisha OR -> OD) is one package upgrade away. Names are read
without ISO's romanisation marks ("Bihār" -> "Bihar"). Documents may name a State by its name ("Kerala"); it
is read here into its code, so a document and an asker always compare codes.
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import cache

from knowledge.errors import BadInput

CENTRE = "CENTRE"
_CENTRE_NAMES = {"en": "Centre (Government of India)", "hi": "केंद्र (भारत सरकार)"}
# Older codes and names still in use, mapped to today's codes
_ALIASES = {"OR": "OD", "ORISSA": "OD", "CT": "CG", "UL": "UK", "UTTARANCHAL": "UK", "TG": "TS", "PONDICHERRY": "PY",
            "J&K": "JK", "JAMMU & KASHMIR": "JK", "DD": "DH", "DN": "DH", "CENTER": CENTRE, "CENTRAL": CENTRE,
            "GOI": CENTRE, "GOVERNMENT OF INDIA": CENTRE, "UNION": CENTRE}


def _plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@cache
def _table() -> dict[str, tuple[str, str]]:
    """code -> (English name, Hindi name), States and Union Territories, ordered by English name."""
    import pycountry

    try:
        translations: gettext.NullTranslations = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["hi"])
    except OSError:  # a build without the translations: English names in both
        translations = gettext.NullTranslations()
    hindi = translations.gettext
    rows = {s.code.removeprefix("IN-"): (_plain(s.name), hindi(s.name))
            for s in pycountry.subdivisions.get(country_code="IN")}
    return dict(sorted(rows.items(), key=lambda kv: kv[1][0]))


@cache
def _by_name() -> dict[str, str]:
    names = {en.upper(): code for code, (en, _) in _table().items()}
    names.update({hi: code for code, (_, hi) in _table().items()})
    return names


def codes() -> list[str]:
    """Every State and Union Territory code, by English name (CENTRE not included)."""
    return list(_table())


def state_code(value: object) -> str | None:
    """The code for a code, a name ("Kerala", "केरल") or an older code ("OR"); None when it names no State."""
    text = " ".join(str(value or "").split()).strip()
    key = text.upper().removeprefix("IN-")
    key = _ALIASES.get(key, key)
    if key == CENTRE or key in _table():
        return key
    return _by_name().get(_plain(text).upper()) or _by_name().get(text)


def parse_state(value: object) -> str:
    """A State code or CENTRE from what a person typed; BadInput naming what is accepted otherwise."""
    code = state_code(value)
    if code is None:
        raise BadInput(f"unknown State {str(value)[:30]!r}; use its code (KL, UP, MH…) or CENTRE")
    return code


def state_name(code: str, lang: str = "en") -> str:
    """The State's name in English or Hindi (the code itself for one Niyam does not know)."""
    if code == CENTRE:
        return _CENTRE_NAMES["hi" if lang == "hi" else "en"]
    en, hi = _table().get(code, (code, code))
    return hi if lang == "hi" else en
