"""The chat texts in Hindi: every Hindi text stands for an English one and keeps its placeholders, and what an
administrator reads (previews, confirmations, refusals) exists in Hindi for an admin who chose it."""

from __future__ import annotations

import re
import string

import pytest

from chat import texts
from chat.say import Say, speak, spoken

# What only administrators read: adding a document from chat, start to end.
ADMIN_TEXTS = ("NOT_ADMIN", "NOT_ADMIN_COMMAND", "PREVIEW_NOT_YOURS", "INDEX_UNAVAILABLE", "INDEX_BAD_FILE",
               "INDEX_FAILED", "INDEX_PREVIEW", "NO_DETAILS", "INDEX_BUTTON", "CANCEL_BUTTON", "INDEX_WORKING",
               "INDEX_DONE", "INDEX_CANCELLED", "PREVIEW_EXPIRED", "FILE_WRONG_KIND", "FILE_WRONG_TYPE", "FILE_TOO_BIG",
               "FILE_NO_ADDRESS", "FILE_NOT_SLACKS", "FILE_FETCH_FAILED", "FILE_LOGIN_PAGE", "TOO_MANY_FILES",
               "TELEGRAM_INDEX_HOW", "TELEGRAM_INDEX_BAD_SERVICES", "TELEGRAM_RESEND", "TELEGRAM_CANCELLED_TAP",
               "SLACK_FILE_INDEX_HINT", "SLACK_RESEND", "SLACK_RESEND_MANY", "SLACK_FILES_INFO_FAILED")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture
def hindi():
    speak("hi")
    yield
    speak("en")


def test_every_hindi_text_names_an_english_one_and_keeps_its_placeholders():
    for name, hi in texts.HI.items():
        english = getattr(texts, name, None)
        assert isinstance(english, str), name
        assert fields(hi) == fields(english), name
        assert _DEVANAGARI.search(hi), name


def test_admin_texts_are_in_hindi():
    assert [name for name in ADMIN_TEXTS if name not in texts.HI] == []


def test_an_admin_who_chose_hindi_reads_the_preview_and_the_confirmation_in_hindi(hindi):
    preview = Say(texts.INDEX_PREVIEW, {"name": "gad-om.pdf", "preview": "sections: gad-om para 1", "minutes": 15})
    shown = preview.render(lambda s: s)
    assert shown.startswith("🔎 *लागू होने से पहले जाँचें।* *gad-om.pdf*") and "15 मिनट" in shown
    assert "sections: gad-om para 1" in shown  # the document's own words are shown as they are
    done = Say(texts.INDEX_DONE, {"title": "GAD OM", "id": "gad-om", "summary": "1 section"}).render(lambda s: s)
    assert done.startswith("📚 *GAD OM* (`gad-om`) जोड़ा गया")
    # a text given as a value (how to send the file again) is said in Hindi too; a file name is left alone
    expired = Say(texts.PREVIEW_EXPIRED, {"resend": texts.TELEGRAM_RESEND}).render(lambda s: s)
    assert expired.endswith("इसे कैप्शन /index के साथ फिर भेजें।")
    assert spoken(texts.INDEX_BUTTON) == "अनुक्रमित करें" and spoken(texts.CANCEL_BUTTON) == "रद्द करें"


def test_an_english_admin_still_reads_english():
    speak("en")
    assert spoken(texts.INDEX_BUTTON) == "Index it"
    expired = Say(texts.PREVIEW_EXPIRED, {"resend": texts.TELEGRAM_RESEND}).render(lambda s: s)
    assert expired == texts.PREVIEW_EXPIRED.format(resend=texts.TELEGRAM_RESEND)
