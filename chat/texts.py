"""Every text Niyam says in chat, worded once, and the limits those texts quote.

Markup is neutral: `*bold*` and `` `code` ``. Each adapter turns a text into its platform's markup (Telegram
HTML, Slack mrkdwn) and escapes the `{placeholders}` it fills in; nothing else in the adapters words a reply.
Where the platforms differ in how a thing is done (how to ask, how to send a document), the text says so
once per platform, side by side here.
"""

from __future__ import annotations

# ---------------------------------------------------------------- limits the texts quote

MAX_DRAFT_CHARS = 4000  # characters of a draft Niyam checks in one go; longer ones are refused, never cut
RATE_LIMIT = 10  # questions per person per RATE_WINDOW seconds
RATE_WINDOW = 60.0
PREVIEW_TTL_MINUTES = 15  # how long an admin's preview waits for "Index it" before its download is deleted
PREVIEW_CHARS = 3000  # characters of a document preview shown to the admin

RULEBOOK_NAMES = {
    "AIS": "All India Services (Conduct) Rules, 1968",
    "CCS": "Central Civil Services (Conduct) Rules, 1964",
}
RULEBOOK_SHORT = {"AIS": "All India Services", "CCS": "Central Civil Services"}

# ---------------------------------------------------------------- answers (the renderers' words)

WHY = "Why"
RULES_CITED = "Rules cited"
WHAT_YOU_CAN_DO = "What you can do"
KEEP_IN_MIND = "Keep in mind"
RULEBOOK_LINE = "Rulebook: {code}, {name}"
GUIDANCE = "Guidance, not a legal opinion: when in doubt, ask your cadre authority."
SOURCE_OFFICIAL = "official text"
SOURCE_DIGEST = "Niyam's digest, not the official text"
STATUS_LABELS = {
    "in_force": "in force",
    "draft": "⚠️ draft, not in force",
    "superseded": "⚠️ superseded",
    "uncertain": "⚠️ status uncertain",
}
MORE_NOT_SHOWN = "…and {n} more not shown here."
ALSO_CITED = "Also cited: {refs}"
IN_SHORT = "In short"
OFFICIAL_TEXT = "Official text"
NO_OFFICIAL_TEXT = "The official text of this rule is not indexed yet."
NO_SOURCES = "No documents are indexed yet."
INDEXED_DOCUMENTS = "Indexed documents"
DATE_UNKNOWN = "date unknown"
SHARED_BY = "Shared by {user}"

# ---------------------------------------------------------------- asking

TOO_LONG = ("That draft is {n:,} characters; I check up to {limit:,} at a time so that nothing is skipped. "
            "Please send the part you are unsure about, or split it into parts.")
RATE_LIMITED = ("You are asking faster than I can answer well (up to {limit} questions a minute). "
                "Please wait a moment and send it again.")
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
APOLOGY_WITH_REF = "Sorry, something went wrong on my side (reference {ref}). Please try again in a moment."
BACKEND_UNAVAILABLE = ("Sorry, I can't reach my rules index or my database just now. Nothing you sent was lost or "
                       "stored; please ask again in a few minutes.")
ONLY_TEXT = "I can only read text. Paste your draft as a message, or send {help}."
NO_ATTACHMENT = "I can't read attached files. Paste the text of your draft as a message."
NO_TEXT_IN_MESSAGE = "That message has no text for me to check."

# ---------------------------------------------------------------- settings

SERVICE_CHOOSE = "Your rulebook: *{code}*, {name}. Choose:"
SERVICE_SET = "Your rulebook is now *{code}*, {name}. Change it any time with {command}."
SERVICE_UNKNOWN = "I know two rulebooks: *AIS* and *CCS*. Choose one, e.g. {example}."
SERVICE_TAPPED = "Rulebook: {code}"

# ---------------------------------------------------------------- feedback

FEEDBACK_BUTTONS = {"helpful": "👍 Helpful", "not_helpful": "👎 Not helpful", "wrong_rule": "⚠️ Wrong rule"}
FEEDBACK_RECORDED = "Thank you: your feedback is recorded (only the verdict and the rules cited, never your text)."
FEEDBACK_ALREADY = "Your feedback on this answer is already recorded."
FEEDBACK_STALE = "Sorry, this answer is too old to rate."

# ---------------------------------------------------------------- admin documents

NOT_ADMIN = "Only Niyam's administrators can add documents. Ask them to index it for you."
PREVIEW_NOT_YOURS = "Sorry, only the administrator who sent this document can index or cancel it."
INDEX_UNAVAILABLE = "Sorry, I can't add documents from chat right now: {reason}"
INDEX_BAD_FILE = "I could not index *{name}*: {reason}"
INDEX_FAILED = "Sorry, something went wrong while adding *{name}* (reference {ref}). Send the file again to retry."
INDEX_PREVIEW = ("🔎 *Check before it goes live.* Indexing *{name}* would add:\n{preview}\n"
                 "Nothing is indexed until you tap *Index it*. This preview expires in {minutes} minutes.")
NO_DETAILS = "(no details)"
INDEX_BUTTON = "Index it"
CANCEL_BUTTON = "Cancel"
INDEX_WORKING = "Indexing {name}…"
INDEX_DONE = "📚 Added *{title}* (`{id}`)\n{summary}"
INDEX_CANCELLED = "Cancelled: *{name}* was not indexed, and I have deleted my copy."
PREVIEW_EXPIRED = "This preview has expired or was already handled. To index the document, {resend}."
FILE_WRONG_KIND = ("I can index PDF, DOCX, HTML, Markdown or plain text files (.pdf .docx .html .md .txt); "
                   "{name} is not one of them.")
FILE_WRONG_TYPE = "{name} says it is {mime}, which does not match its {ext} name; please send the original file."
FILE_TOO_BIG = "{name} is larger than {limit_mb} MB, the most {platform} lets me fetch."
FILE_NO_ADDRESS = "Slack gave me no address to download it from"
FILE_NOT_SLACKS = "the file's address is not a Slack file address"
FILE_FETCH_FAILED = "Slack answered {status} when I fetched the file (is the files:read scope granted?)"
FILE_LOGIN_PAGE = "Slack sent a login page instead of the file (is the files:read scope granted?)"
TOO_MANY_FILES = "I add up to {limit} files a message; {left} were not added: {resend}."

# ---------------------------------------------------------------- Telegram (HTML is made from the markup)

TELEGRAM_COMMANDS = (
    ("ask", "Check a draft post: /ask TEXT"),
    ("service", "Choose your rulebook: AIS or CCS"),
    ("rule", "Show a rule: /rule AIS 7"),
    ("sources", "Documents Niyam knows, with dates and status"),
    ("help", "How to ask, and what Niyam does"),
    ("start", "What Niyam does"),
)
TELEGRAM_START = (
    "🙏 *Niyam* checks a draft post against the conduct rules for civil servants and tells you "
    "whether you may post it, with the rules it rests on.\n\n"
    "Paste your draft here (in a group: mention me, reply to me, or use /ask). I answer with a verdict "
    "(✅ allowed, 🟡 allowed with care, 📝 needs prior sanction, ⛔ not allowed), the reasons, the rules "
    "cited and what you can do instead.\n\n"
    "First choose your rulebook: *AIS* (All India Services: IAS, IPS, IFoS) or *CCS* "
    "(Central Civil Services). You can change it any time with /service."
)
TELEGRAM_HELP = (
    "*How to ask*\n"
    "• Private chat: just paste your draft post or question.\n"
    "• Group: mention me with the draft, reply to one of my messages, or send `/ask TEXT`. "
    "Reply to someone's draft with /ask (or a bare mention) to have that draft checked.\n\n"
    "*Commands*\n"
    "/ask TEXT: check a draft post\n"
    "/service AIS|CCS: choose your rulebook (remembered for you; default AIS)\n"
    "/rule REF: a rule's digest and, where indexed, its official text, e.g. `/rule AIS 7`\n"
    "/sources: the documents Niyam knows, with dates and status\n"
    "/help: this message\n\n"
    "*Good to know*\n"
    f"• I check drafts of up to {MAX_DRAFT_CHARS:,} characters. For a longer one I ask you to send the part "
    "you are unsure about, so nothing is silently skipped.\n"
    f"• Up to {RATE_LIMIT} questions a minute each.\n"
    "• I read text and captions only: not images, voice notes, stickers or files.\n"
    "• Edited messages are not re-checked: send the new text as a new message.\n"
    "• Under each answer: 👍 helpful · 👎 not helpful · ⚠️ wrong rule. That stores only the verdict and the "
    "rules cited, never your text. Your questions are not stored or logged.\n"
    f"• {GUIDANCE}\n"
    "• Administrators: send a document (PDF, DOCX, HTML, Markdown or text) with the caption `/index`. "
    "I first show what it would add (title, reference, date, sections); it goes live only when you tap "
    "*Index it*."
)
TELEGRAM_ASK_USAGE = ("Send `/ask` followed by your draft, e.g. `/ask Can I share the new scheme's poster "
                      "on Facebook?` In a private chat you can just paste the draft.")
TELEGRAM_MENTION_USAGE = "Mention me together with your draft, or reply to a draft with /ask."
TELEGRAM_UNKNOWN_COMMAND = "I don't know {command}. Send /help to see what I can do."
TELEGRAM_RULE_USAGE = "Send `/rule` with a rule reference, e.g. `/rule AIS 7` or `/rule CCS 9`."
TELEGRAM_RULE_NOT_FOUND = "I have no rule *{ref}* in the {code} rules. Send /sources to see what is indexed."
TELEGRAM_NO_VOICE = "I can't listen to voice or audio. Please type or paste your draft."
TELEGRAM_NO_STICKER = "I can't judge stickers. Paste the text of your draft instead."
TELEGRAM_NO_IMAGE = "I can't read images. Paste the text of your draft, or add it as the photo's caption."
TELEGRAM_INDEX_HOW = ("Send the document itself (PDF, DOCX, HTML, Markdown or text) with the caption `/index`. "
                      "I show you what it would add first, and index it only when you tap *Index it*.")
TELEGRAM_INDEX_BAD_SERVICES = "After /index you may name the rulebooks it applies to (AIS, CCS), e.g. `/index CCS`."
TELEGRAM_RESEND = "send it again with the caption /index"
TELEGRAM_CANCELLED_TAP = "Cancelled."

# ---------------------------------------------------------------- Slack (mrkdwn is the markup)

SLACK_HELP = (
    "I check a draft post against the conduct rules and tell you whether you may post it, and why.\n"
    "• `/niyam your draft`: a private answer only you see\n"
    "• a direct message to me with the draft\n"
    "• `@Niyam your draft` in a channel: I answer in the thread\n"
    "• *Check this post with Niyam* in any message's ⋯ menu\n"
    "Choose AIS or CCS rules in my *Home* tab (or `/niyam service CCS`)."
)
SLACK_EMPTY_MENTION = ("Mention me together with the draft you want checked, e.g. "
                       "`@Niyam Can I tweet about the new transfer policy?`\n\n" + SLACK_HELP)
SLACK_ONLY_FILES = ("I can only read text: please paste the draft itself into the message. "
                    "(Attachments and images are not read.)")
SLACK_FILE_INDEX_HINT = "To add the file to Niyam's index, share it again with the word `index`."
SLACK_RESEND = "share the file again with the word `index`"
SLACK_RESEND_MANY = "share them again with the word `index`"
SLACK_SHARE_EXPIRED = ("This answer can no longer be shared (it was given a while ago, or Niyam has restarted). "
                       "Ask again with `/niyam`.")
SLACK_SHARE_FAILED = ("I couldn't post in this conversation. Invite me with `/invite @Niyam` and press "
                      "*Share in channel* again.")
SLACK_SHARE_BUTTON = "Share in channel"
SLACK_UNKNOWN_COMMAND = "I only know `/niyam`. Try `/niyam help`."
SLACK_UNKNOWN_SHORTCUT = "I don't know that shortcut. Use *Check this post with Niyam* on a message."
SLACK_SHORTCUT_ONLY_MESSAGES = "Use *Check this post with Niyam* from a message's ⋯ menu."
SLACK_HOME_TITLE = "Niyam: can I post this?"
SLACK_HOME_ABOUT = ("Niyam checks a draft post, tweet or comment against the conduct rules for civil servants "
                    "and answers with a verdict (*allowed*, *allowed with care*, *needs prior sanction*, *not allowed*), "
                    "the reasons, and the rules it rests on, quoted.")
SLACK_HOME_HOW = (
    "*How to ask*\n"
    "• `/niyam your draft`: a private answer only you see, with a button to share it in the channel\n"
    "• Send me a direct message with the draft\n"
    "• Mention `@Niyam` with the draft in a channel: I answer in the thread\n"
    "• On any message, *More actions ⋯ → Check this post with Niyam*: a private answer about that message")
SLACK_HOME_RULEBOOK = "*Your service*\nWhich conduct rules apply to you?"
SLACK_HOME_CHOOSE = "Choose your service"
SLACK_HOME_SAVED = "✅ Saved: your questions are now checked against the *{code}* rules."
SLACK_HOME_PRIVACY = ("Niyam is guidance, not a ruling: when in doubt, ask your cadre authority. "
                      "It keeps your chosen service and, if you press a feedback button, the verdict and rule "
                      "references; never the text of your drafts.")
SLACK_FILES_INFO_FAILED = "I couldn't read *{name}* from Slack. Is the `files:read` scope granted?"
