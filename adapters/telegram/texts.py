"""The fixed texts Niyam's Telegram bot sends (Telegram HTML)."""

from __future__ import annotations

MAX_QUESTION = 4000  # characters of a draft Niyam checks in one go

START = (
    "🙏 <b>Niyam</b> checks a draft post against the conduct rules for civil servants and tells you "
    "whether you may post it, with the rules it rests on.\n\n"
    "Paste your draft here (in a group: mention me, reply to me, or use /ask). I answer with a verdict "
    "(✅ allowed, 🟡 allowed with care, 📝 needs prior sanction, ⛔ not allowed), the reasons, the rules "
    "cited and what you can do instead.\n\n"
    "First choose your rulebook: <b>AIS</b> (All India Services: IAS, IPS, IFoS) or <b>CCS</b> "
    "(Central Civil Services). You can change it any time with /service."
)

HELP = (
    "<b>How to ask</b>\n"
    "• Private chat: just paste your draft post or question.\n"
    "• Group: mention me with the draft, reply to one of my messages, or send <code>/ask TEXT</code>. "
    "Reply to someone's draft with /ask (or a bare mention) to have that draft checked.\n\n"
    "<b>Commands</b>\n"
    "/ask TEXT: check a draft post\n"
    "/service AIS|CCS: choose your rulebook (remembered for you; default AIS)\n"
    "/rule REF: a rule's digest and, where indexed, its official text, e.g. <code>/rule AIS 7</code>\n"
    "/sources: the documents Niyam knows, with dates and status\n"
    "/help: this message\n\n"
    "<b>Good to know</b>\n"
    f"• I check drafts of up to {MAX_QUESTION:,} characters. For a longer one I ask you to send the part "
    "you are unsure about, so nothing is silently skipped.\n"
    "• Up to 10 questions a minute each.\n"
    "• I read text and captions only: not images, voice notes, stickers or files.\n"
    "• Edited messages are not re-checked: send the new text as a new message.\n"
    "• Under each answer: 👍 helpful · 👎 not helpful · ⚠️ wrong rule. That stores only the verdict and the "
    "rules cited, never your text. Your questions are not stored or logged.\n"
    "• Guidance, not a legal opinion: when in doubt, ask your cadre authority.\n"
    "• Administrators: send a document (PDF, DOCX, HTML, Markdown or text) with the caption <code>/index</code>. "
    "I first show what it would add (title, reference, date, sections); it goes live only when you tap "
    "<b>Index it</b>."
)

ASK_USAGE = (
    "Send <code>/ask</code> followed by your draft, e.g. <code>/ask Can I share the new scheme's poster "
    "on Facebook?</code> In a private chat you can just paste the draft."
)
MENTION_USAGE = "Mention me together with your draft, or reply to a draft with /ask."
TOO_LONG = (
    "That draft is {n:,} characters; I check up to {limit:,} at a time so that nothing is skipped. "
    "Please send the part you are unsure about, or split it into parts."
)
RATE_LIMITED = (
    "You are asking faster than I can answer well (up to {limit} questions a minute). "
    "Please wait a moment and send it again."
)
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
UNKNOWN_COMMAND = "I don't know {command}. Send /help to see what I can do."
RULE_USAGE = "Send <code>/rule</code> with a rule reference, e.g. <code>/rule AIS 7</code> or <code>/rule CCS 9</code>."
RULE_NOT_FOUND = "I have no rule <b>{ref}</b> in the {service} rules. Send /sources to see what is indexed."
SERVICE_CHOOSE = "Your rulebook: <b>{service}</b>, {name}. Choose:"
SERVICE_SET = "Your rulebook is now <b>{service}</b>, {name}. Change it any time with /service."
SERVICE_UNKNOWN = "I know two rulebooks: <b>AIS</b> and <b>CCS</b>. Choose:"

ONLY_TEXT = "I can only read text. Paste your draft as a message, or send /help."
NO_VOICE = "I can't listen to voice or audio. Please type or paste your draft."
NO_STICKER = "I can't judge stickers. Paste the text of your draft instead."
NO_IMAGE = "I can't read images. Paste the text of your draft, or add it as the photo's caption."
NO_ATTACHMENT = "I can't read attached files. Paste the text of your draft as a message."

INDEX_HOW = (
    "Send the document itself (PDF, DOCX, HTML, Markdown or text) with the caption <code>/index</code>. "
    "I show you what it would add first, and index it only when you tap <b>Index it</b>."
)
INDEX_NOT_ADMIN = "Only Niyam's administrators can add documents. Ask them to index it for you."
INDEX_UNAVAILABLE = "Sorry, I can't add documents from chat right now: {reason}"
INDEX_BAD_FILE = "I could not index {name}: {reason}"
PREVIEW_TTL_MINUTES = 15  # how long a preview waits for "Index it" before its download is deleted
INDEX_PREVIEW = (
    "🔎 <b>Check before it goes live.</b> Indexing {name} would add:\n"
    "<pre>{preview}</pre>\n"
    "Nothing is indexed until you tap <b>Index it</b>. This preview expires in {minutes} minutes."
)
INDEX_BUTTON = "Index it"
CANCEL_BUTTON = "Cancel"
INDEX_WORKING = "Indexing…"
INDEX_DONE = "📚 {summary}"
INDEX_CANCELLED = "Cancelled: {name} was not indexed, and I have deleted my copy."
INDEX_CANCELLED_TAP = "Cancelled."
PREVIEW_EXPIRED = (
    "This preview has expired or was already handled. To index the document, send it again with "
    "the caption /index."
)
PREVIEW_NOT_YOURS = "Sorry, only the administrator who sent this document can index or cancel it."
PREVIEW_NOT_ADMIN = "Sorry, only Niyam's administrators can index documents."
INDEX_BAD_SERVICES = "After /index you may name the rulebooks it applies to (AIS, CCS), e.g. <code>/index CCS</code>."

FEEDBACK_THANKS = "Thank you: noted."
FEEDBACK_STALE = "Sorry, this answer is too old to rate."
