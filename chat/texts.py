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
FOLLOWUP_MINUTES = 30  # how long the last draft of a conversation is held (in memory only) for follow-ups and edits

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

# ---------------------------------------------------------------- answers: short first, details on demand

BRIEF_LIMIT = 600  # characters of the first message of an answer in Telegram and Slack
DETAILS_TTL_MINUTES = 60  # how long an answer's details and "Check without it" wait in memory behind the buttons
BRIEF_FLAGGED = "The sentence that decides:"
BRIEF_FLAGGED_MANY = "The sentences that decide:"
BRIEF_TODO = "What to do:"
DETAILS_BUTTON = "Why? / Rules"
SLACK_DETAILS_BUTTON = "Details"
WITHOUT_BUTTON = "Check without it"
WITHOUT_CHECKED = "Checked again without the quoted {sentences}: {marker} *{label}*."
WITHOUT_SENTENCE = "sentence"
WITHOUT_SENTENCES = "sentences"
WITHOUT_COPY = "The rest of your draft, to copy:"
WITHOUT_STILL = "The rest still needs care or changes: send it to me as a new message to see why."
WITHOUT_HEADING = "Without it"
DETAILS_EXPIRED = ("I no longer have the details of this answer: I keep them only in memory, for {minutes} minutes. "
                   "Send your question again to see them.")

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
STATE_CHOOSE_AIS = "Your cadre State? A State's own instructions apply to you only if it is yours."
STATE_CHOOSE_OTHER = ("Whose government do you serve: the Centre or a State? A State's own instructions apply to you "
                      "only if it is yours.")
STATE_SET = "Your State is now *{state}*."
STATE_UNKNOWN = "I don't know that State. Use its code, e.g. {example}, or choose one below."
STATE_NOT_SET = "not set"
LANGUAGE_CHOOSE = "Language for my replies?"
LANGUAGE_SET = "My replies will be in *{language}*. Answers follow the language of your question; in Hindi always if you chose हिन्दी."
LANGUAGE_UNKNOWN = "I speak English (`en`) and हिन्दी (`hi`). Choose one, e.g. {example}."
LANGUAGE_NAMES = {"en": "English", "hi": "हिन्दी"}
PROFILE_LINE = "Rulebook: *{code}* ({name}) · State: *{state}* · Language: *{language}*"
ONBOARDING_DONE = "✅ All set. {profile}\nPaste a draft to check it. Change these any time with {command}."
CENTRE_BUTTON = "Centre (Government of India)"

# ---------------------------------------------------------------- follow-ups and edits

FOLLOWUP_UNCLEAR = ("I read that as a change to your earlier draft, but I can't tell what the changed draft would "
                    "say, and I won't guess. Please send the whole changed draft as a new message.")
FOLLOWUP_EXPIRED = ("I no longer have the draft that answer checked: I hold a draft for only {minutes} minutes, in "
                    "memory. Please send the changed draft as a new message.")
CHECKED = "Checked: {what}"
CHECKED_NOTES = {
    "without": "your draft without its {position} {unit}",
    "without_about": "your draft without the {unit} about “{words}”",
    "added": "your draft with “{words}” added at the end",
    "setting": "your draft, posted {place}",
    "share_only": "your draft, shared as it is without a comment of your own",
    "replaced": "your draft with “{old}” changed to “{new}”",
    "edited": "your edited draft",
}

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

# ---------------------------------------------------------------- quiz, weekly digest and report (chat/training.py)

QUIZ_ROUND = 5  # posts a round
DIGEST_DAY = "Monday"  # the weekly question goes out then, at DIGEST_TIME India time; its answer a day later
DIGEST_TIME = "10:00"
# The quiz's words in both languages: the person's language (Profile.lang) chooses.
QUIZ = {
    "en": {
        "question": "🎓 *Quiz* · question {n} of {total} · {code} rules\nWhat do the conduct rules say about this?\n\n{post}",
        "right": "✅ *Right.* It is *{label}*.",
        "wrong": "❌ *Not quite:* you said {chosen}; it is *{label}*.",
        "rule": "*Rule:* {ref} {title}",
        "why": "*Why:* {why}",
        "compliant": "*Compliant version:* {compliant}",
        "score": "🏁 *Round over: {right} of {total} right.* {praise}",
        "praise_high": "Well done.",
        "praise_mid": "Good; the reveals above say what to watch for.",
        "praise_low": "The reveals above are worth a second read.",
        "again_telegram": "Another round: /quiz",
        "again_slack": "Another round: `/niyam quiz`",
        "empty": "I have no quiz posts for the {code} rules yet.",
        "stale": "This quiz has ended or expired. Start a new round with {command}.",
        "not_yours": "This is someone else's quiz. Start your own with {command}.",
        "already": "You have answered this one already.",
    },
    "hi": {
        "question": "🎓 *क्विज़* · प्रश्न {n} / {total} · {code} नियम\nआचरण नियम इसके बारे में क्या कहते हैं?\n\n{post}",
        "right": "✅ *सही।* यह *{label}*।",
        "wrong": "❌ *सही नहीं:* आपने चुना {chosen}; सही उत्तर *{label}*।",
        "rule": "*नियम:* {ref} {title}",
        "why": "*क्यों:* {why}",
        "compliant": "*नियम के अनुरूप:* {compliant}",
        "score": "🏁 *राउंड पूरा: {total} में से {right} सही।* {praise}",
        "praise_high": "बहुत बढ़िया।",
        "praise_mid": "अच्छा; ऊपर के उत्तर बताते हैं कि किस बात का ध्यान रखें।",
        "praise_low": "ऊपर के उत्तर एक बार फिर पढ़ना उपयोगी होगा।",
        "again_telegram": "एक और राउंड: /quiz",
        "again_slack": "एक और राउंड: `/niyam quiz`",
        "empty": "{code} नियमों के लिए अभी कोई क्विज़ पोस्ट नहीं है।",
        "stale": "यह क्विज़ समाप्त हो चुका है। नया राउंड {command} से शुरू करें।",
        "not_yours": "यह किसी और का क्विज़ है। अपना क्विज़ {command} से शुरू करें।",
        "already": "आप इसका उत्तर दे चुके हैं।",
    },
}
# One line of why: a post the rule catches, and one it leaves alone ({act} is acts.yaml's wording).
QUIZ_WHY = {"caught": "{ref} is about {act}, and this post does that.",
            "clear": "{ref} is about {act}; this post does not do that."}
QUIZ_WHY_HI = {"caught": "{ref} का विषय है: {act}; यह पोस्ट वही करती है।",
               "clear": "{ref} का विषय है: {act}; यह पोस्ट ऐसा नहीं करती।"}
DIGEST_QUESTION = ("🎓 *Question of the week* · {code} rules\nWhat do the conduct rules say: allowed, allowed "
                   "with care, needs prior sanction, or not allowed?\n\n{post}\n\nThe answer, with the rule, comes here tomorrow.")
DIGEST_ANSWER = "🎓 *Answer to this week's question*\n{post}\n\nIt is *{label}*.\n*Rule:* {ref} {title}\n*Why:* {why}"
DIGEST_SET = ("📅 Weekly quiz on: every {day} at {time} (India time) I post one question here, and its answer "
              "with the rule a day later. The first comes {first}. Stop it with {off}.")
DIGEST_OFF = "The weekly quiz is off for this conversation."
DIGEST_NOT_SET = "The weekly quiz is not on here. An administrator turns it on with {on}."
DIGEST_STATUS = "📅 The weekly quiz is on here: the next question comes {next}. Stop it with {off}."
DIGEST_USAGE = "Use {on} to post a weekly quiz question in this conversation, or {off} to stop it."
DIGEST_SLACK_INVITE = "If I am not a member of this channel yet, invite me with `/invite @Niyam`."
NOT_ADMIN_COMMAND = "Only Niyam's administrators can use {command}."
REPORT_CAPTION = "📊 What officers asked about{since} (counts only, never what they asked)."
REPORT_SINCE = " since {date}"
REPORT_USAGE = "Use {command}, or {command} 2026-11-01 to count from that day on."
REPORT_SENT_SLACK = "📊 I have sent you the report in our direct messages."
REPORT_TITLE = "Niyam: what officers ask about"
REPORT_CHARTS = {
    "weeks": "Questions per week",
    "verdicts": "Verdicts",
    "concerns": "Concerns",
    "rulebooks": "Rulebooks",
    "wrong_rule": "“Wrong rule” feedback per rule",
    "quiz": "Quiz answers right, per concern",
}
REPORT_NOTE = ("Counts kept as Niyam answers: never the text of a question. “Wrong rule” is the share of answers "
               "citing a rule that someone marked ⚠️ wrong rule.")

# ---------------------------------------------------------------- Telegram (HTML is made from the markup)

TELEGRAM_COMMANDS = (
    ("ask", "Check a draft post: /ask TEXT"),
    ("service", "Choose your rulebook (AIS or CCS) and State"),
    ("language", "English or हिन्दी"),
    ("rule", "Show a rule: /rule 7 or /rule CCS 9"),
    ("sources", "Documents Niyam knows, with dates and status"),
    ("quiz", "Five posts: would you post them? Learn the rules"),
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
    "/service: choose your rulebook (AIS or CCS) and your State (remembered for you; default AIS)\n"
    "/language: English or हिन्दी for my replies\n"
    "/rule REF: a rule's digest and, where indexed, its official text, e.g. `/rule 7` (your rulebook) or `/rule CCS 9`\n"
    "/sources: the documents Niyam knows, with dates and status\n"
    f"/quiz: {QUIZ_ROUND} realistic posts to judge, each answer with its rule; a score at the end\n"
    "/help: this message\n\n"
    "*Good to know*\n"
    f"• I check drafts of up to {MAX_DRAFT_CHARS:,} characters. For a longer one I ask you to send the part "
    "you are unsure about, so nothing is silently skipped.\n"
    f"• Up to {RATE_LIMIT} questions a minute each.\n"
    "• I read text and captions only: not images, voice notes, stickers or files.\n"
    "• Edit your draft message and I check it again, editing my answer. Reply to my answer with a change "
    "(\"without the last line\", \"if I add views are personal\", \"from the official handle instead\") and I check "
    f"the changed draft. I hold your last draft in memory for {FOLLOWUP_MINUTES} minutes for this, never on disk.\n"
    "• Each answer comes short first: tap *Why? / Rules* for the reasons, the rules quoted and any caveats; "
    "for a draft, *Check without it* shows whether the rest can be posted without the sentence I quoted.\n"
    "• Under each answer: 👍 helpful · 👎 not helpful · ⚠️ wrong rule. That stores only the verdict and the "
    "rules cited, never your text. Your questions are not stored or logged: Niyam only counts verdicts "
    "and the rules cited (not who asked), and keeps which quiz posts you saw and your scores.\n"
    f"• {GUIDANCE}\n"
    "• Administrators: send a document (PDF, DOCX, HTML, Markdown or text) with the caption `/index`. "
    "I first show what it would add (title, reference, date, sections); it goes live only when you tap "
    "*Index it*.\n"
    "• Administrators: `/digest here` posts one quiz question in this chat every week and its answer a day "
    "later (`/digest off` stops it); `/report` sends a chart of what officers ask about (counts only, never "
    "questions)."
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
    "• `/niyam rule AIS 7`: a rule's digest and, where indexed, its official text\n"
    "• `/niyam sources`: the documents I know, with dates and status\n"
    f"• `/niyam quiz`: {QUIZ_ROUND} realistic posts to judge, privately, each answer with its rule\n"
    "Choose AIS or CCS rules in my *Home* tab (or `/niyam service CCS`).\n"
    "Administrators: `/niyam digest here` (a weekly quiz question in this channel; `off` stops it), "
    "`/niyam report` (a chart of what officers ask about, counts only)."
)
SLACK_RULE_USAGE = "Send `/niyam rule` with a rule reference, e.g. `/niyam rule AIS 7` or `/niyam rule CCS 9`."
SLACK_RULE_NOT_FOUND = "I have no rule *{ref}* in the {code} rules. Send `/niyam sources` to see what is indexed."
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
                      "It keeps your chosen service, State and language and, if you press a feedback button, the verdict "
                      "and rule references, and which quiz posts you saw with your scores; never the text of your drafts "
                      "(answers are counted by verdict and rule, not by who asked).")
SLACK_FILES_INFO_FAILED = "I couldn't read *{name}* from Slack. Is the `files:read` scope granted?"


# ---------------------------------------------------------------- Hindi (हिन्दी)
# The same texts in Hindi, by the English constant's name; a text without a Hindi version is said in English.
# Legal excerpts and rule titles are never translated here.

HI: dict[str, str] = {
    "BRIEF_FLAGGED": "निर्णायक वाक्य:",
    "BRIEF_FLAGGED_MANY": "निर्णायक वाक्य:",
    "BRIEF_TODO": "क्या करें:",
    "DETAILS_BUTTON": "क्यों? / नियम",
    "SLACK_DETAILS_BUTTON": "विवरण",
    "WITHOUT_BUTTON": "इसके बिना जाँचें",
    "WITHOUT_COPY": "आपके ड्राफ़्ट का बाकी हिस्सा, कॉपी करने के लिए:",
    "WHY": "क्यों",
    "RULES_CITED": "उद्धृत नियम",
    "WHAT_YOU_CAN_DO": "आप क्या कर सकते हैं",
    "KEEP_IN_MIND": "ध्यान रखें",
    "RULEBOOK_LINE": "नियमावली: {code}, {name}",
    "GUIDANCE": "यह मार्गदर्शन है, कानूनी राय नहीं: संदेह हो तो अपने कैडर प्राधिकारी से पूछें।",
    "SOURCE_OFFICIAL": "आधिकारिक पाठ",
    "SOURCE_DIGEST": "Niyam का सार, आधिकारिक पाठ नहीं",
    "IN_SHORT": "संक्षेप में",
    "OFFICIAL_TEXT": "आधिकारिक पाठ",
    "NO_OFFICIAL_TEXT": "इस नियम का आधिकारिक पाठ अभी अनुक्रमित नहीं है।",
    "TOO_LONG": ("यह मसौदा {n:,} अक्षरों का है; मैं एक बार में {limit:,} अक्षर तक जाँचता हूँ ताकि कुछ छूटे नहीं। "
                 "जिस हिस्से पर संदेह है वह भेजें, या इसे हिस्सों में बाँटें।"),
    "RATE_LIMITED": ("आप मेरी अच्छी तरह उत्तर देने की गति से तेज़ पूछ रहे हैं (एक मिनट में {limit} प्रश्न तक)। "
                     "कृपया थोड़ा रुककर फिर भेजें।"),
    "APOLOGY": "क्षमा करें, मेरी ओर से कुछ गड़बड़ हुई। कृपया थोड़ी देर में फिर प्रयास करें।",
    "APOLOGY_WITH_REF": "क्षमा करें, मेरी ओर से कुछ गड़बड़ हुई (संदर्भ {ref})। कृपया थोड़ी देर में फिर प्रयास करें।",
    "ONLY_TEXT": "मैं केवल पाठ पढ़ सकता हूँ। अपना मसौदा संदेश के रूप में चिपकाएँ, या {help} भेजें।",
    "NO_ATTACHMENT": "मैं संलग्न फ़ाइलें नहीं पढ़ सकता। अपने मसौदे का पाठ संदेश में चिपकाएँ।",
    "NO_TEXT_IN_MESSAGE": "उस संदेश में जाँचने के लिए कोई पाठ नहीं है।",
    "SERVICE_CHOOSE": "आपकी नियमावली: *{code}*, {name}। चुनें:",
    "SERVICE_SET": "आपकी नियमावली अब *{code}* है, {name}। इसे कभी भी {command} से बदलें।",
    "SERVICE_UNKNOWN": "मैं दो नियमावलियाँ जानता हूँ: *AIS* और *CCS*। एक चुनें, जैसे {example}।",
    "SERVICE_TAPPED": "नियमावली: {code}",
    "STATE_CHOOSE_AIS": "आपका कैडर राज्य? किसी राज्य के अपने निर्देश आप पर तभी लागू होते हैं जब वह आपका राज्य हो।",
    "STATE_CHOOSE_OTHER": ("आप किस सरकार की सेवा में हैं: केंद्र या कोई राज्य? किसी राज्य के अपने निर्देश आप पर तभी "
                           "लागू होते हैं जब वह आपका राज्य हो।"),
    "STATE_SET": "आपका राज्य अब *{state}* है।",
    "STATE_UNKNOWN": "मैं वह राज्य नहीं पहचानता। उसका कोड लिखें, जैसे {example}, या नीचे से चुनें।",
    "STATE_NOT_SET": "तय नहीं",
    "LANGUAGE_CHOOSE": "मेरे उत्तरों की भाषा?",
    "LANGUAGE_SET": "मेरे संदेश अब *{language}* में होंगे। उत्तर आपके प्रश्न की भाषा में होते हैं; हिन्दी चुनने पर हमेशा हिन्दी में।",
    "LANGUAGE_UNKNOWN": "मैं English (`en`) और हिन्दी (`hi`) बोलता हूँ। एक चुनें, जैसे {example}।",
    "PROFILE_LINE": "नियमावली: *{code}* ({name}) · राज्य: *{state}* · भाषा: *{language}*",
    "ONBOARDING_DONE": "✅ सब तय हो गया। {profile}\nजाँच के लिए अपना मसौदा चिपकाएँ। इन्हें कभी भी {command} से बदलें।",
    "CENTRE_BUTTON": "केंद्र (भारत सरकार)",
    "FOLLOWUP_UNCLEAR": ("मैंने इसे आपके पिछले मसौदे में बदलाव समझा, पर यह तय नहीं कर पाया कि बदला हुआ मसौदा क्या "
                         "कहेगा, और मैं अनुमान नहीं लगाऊँगा। कृपया पूरा बदला हुआ मसौदा नए संदेश में भेजें।"),
    "FOLLOWUP_EXPIRED": ("उस उत्तर ने जो मसौदा जाँचा था वह अब मेरे पास नहीं है: मैं मसौदा केवल {minutes} मिनट तक, "
                         "मेमोरी में, रखता हूँ। कृपया बदला हुआ मसौदा नए संदेश में भेजें।"),
    "CHECKED": "जाँचा गया: {what}",
    "FEEDBACK_RECORDED": "धन्यवाद: आपकी प्रतिक्रिया दर्ज हो गई (केवल निर्णय और उद्धृत नियम, आपका पाठ कभी नहीं)।",
    "FEEDBACK_ALREADY": "इस उत्तर पर आपकी प्रतिक्रिया पहले ही दर्ज है।",
    "FEEDBACK_STALE": "क्षमा करें, यह उत्तर रेट करने के लिए बहुत पुराना है।",
    "TELEGRAM_START": (
        "🙏 *Niyam* सिविल सेवकों के आचरण नियमों पर आपकी पोस्ट का मसौदा जाँचता है और बताता है कि आप उसे पोस्ट कर "
        "सकते हैं या नहीं, और किन नियमों के आधार पर।\n\n"
        "अपना मसौदा यहाँ चिपकाएँ (समूह में: मुझे mention करें, मुझे reply करें, या /ask लिखें)। मैं निर्णय "
        "(✅ अनुमति है, 🟡 सावधानी के साथ, 📝 पहले अनुमति ज़रूरी, ⛔ अनुमति नहीं), कारण, उद्धृत नियम और "
        "आप क्या कर सकते हैं, बताता हूँ।\n\n"
        "पहले अपनी नियमावली चुनें: *AIS* (अखिल भारतीय सेवाएँ: IAS, IPS, IFoS) या *CCS* (केंद्रीय सिविल सेवाएँ)। "
        "आप इसे कभी भी /service से बदल सकते हैं।"),
    "TELEGRAM_HELP": (
        "*कैसे पूछें*\n"
        "• निजी चैट: बस अपना मसौदा या प्रश्न चिपकाएँ।\n"
        "• समूह: मसौदे के साथ मुझे mention करें, मेरे किसी संदेश को reply करें, या `/ask पाठ` भेजें।\n\n"
        "*कमांड*\n"
        "/ask पाठ: मसौदा जाँचें\n"
        "/service: अपनी नियमावली (AIS या CCS) और राज्य चुनें\n"
        "/language: मेरे संदेशों की भाषा, English या हिन्दी\n"
        "/rule संदर्भ: किसी नियम का सार, जैसे `/rule 7` (आपकी नियमावली) या `/rule CCS 9`\n"
        "/sources: Niyam को ज्ञात दस्तावेज़\n"
        f"/quiz: {QUIZ_ROUND} वास्तविक पोस्ट जिन्हें आप परखें, हर उत्तर उसके नियम के साथ; अंत में स्कोर\n"
        "/help: यह संदेश\n\n"
        "*जानने योग्य*\n"
        f"• मैं {MAX_DRAFT_CHARS:,} अक्षरों तक के मसौदे जाँचता हूँ।\n"
        f"• हर व्यक्ति एक मिनट में {RATE_LIMIT} प्रश्न तक।\n"
        "• मैं केवल पाठ और कैप्शन पढ़ता हूँ: चित्र, वॉइस नोट, स्टिकर या फ़ाइलें नहीं।\n"
        "• अपना मसौदा संदेश edit करें तो मैं उसे फिर जाँचकर अपना उत्तर बदल देता हूँ। मेरे उत्तर को किसी बदलाव के "
        "साथ reply करें (\"आखिरी लाइन हटा दूँ तो?\", \"अगर मैं 'views are personal' जोड़ दूँ\") तो मैं बदला हुआ "
        f"मसौदा जाँचता हूँ। इसके लिए आपका पिछला मसौदा केवल {FOLLOWUP_MINUTES} मिनट तक मेमोरी में रहता है, "
        "डिस्क पर कभी नहीं।\n"
        "• हर उत्तर के नीचे: 👍 उपयोगी · 👎 उपयोगी नहीं · ⚠️ गलत नियम। इससे केवल निर्णय और उद्धृत नियम दर्ज होते हैं, "
        "आपका पाठ कभी नहीं। आपके प्रश्न न संग्रहीत होते हैं, न लॉग किए जाते हैं।\n"
        "• यह मार्गदर्शन है, कानूनी राय नहीं: संदेह हो तो अपने कैडर प्राधिकारी से पूछें।"),
    "TELEGRAM_ASK_USAGE": "`/ask` के बाद अपना मसौदा भेजें। निजी चैट में आप बस मसौदा चिपका सकते हैं।",
    "TELEGRAM_MENTION_USAGE": "अपने मसौदे के साथ मुझे mention करें, या किसी मसौदे को /ask से reply करें।",
    "TELEGRAM_UNKNOWN_COMMAND": "मैं {command} नहीं जानता। मैं क्या कर सकता हूँ, यह देखने के लिए /help भेजें।",
    "TELEGRAM_RULE_USAGE": "`/rule` के साथ नियम का संदर्भ भेजें, जैसे `/rule 7` या `/rule CCS 9`।",
    "TELEGRAM_RULE_NOT_FOUND": "{code} नियमों में मेरे पास नियम *{ref}* नहीं है। क्या अनुक्रमित है, यह देखने के लिए /sources भेजें।",
    "TELEGRAM_NO_VOICE": "मैं वॉइस या ऑडियो नहीं सुन सकता। कृपया अपना मसौदा टाइप करें या चिपकाएँ।",
    "TELEGRAM_NO_STICKER": "मैं स्टिकर नहीं जाँच सकता। इसके बजाय अपने मसौदे का पाठ चिपकाएँ।",
    "TELEGRAM_NO_IMAGE": "मैं चित्र नहीं पढ़ सकता। अपने मसौदे का पाठ चिपकाएँ, या उसे फ़ोटो के कैप्शन में जोड़ें।",
    "SLACK_HELP": (
        "मैं आपकी पोस्ट का मसौदा आचरण नियमों पर जाँचता हूँ और बताता हूँ कि आप उसे पोस्ट कर सकते हैं या नहीं, और क्यों।\n"
        "• `/niyam आपका मसौदा`: एक निजी उत्तर जो केवल आप देखते हैं\n"
        "• मुझे मसौदे के साथ direct message\n"
        "• चैनल में `@Niyam आपका मसौदा`: मैं thread में उत्तर देता हूँ\n"
        "• किसी भी संदेश के ⋯ मेनू में *Check this post with Niyam*\n"
        f"• `/niyam quiz`: {QUIZ_ROUND} वास्तविक पोस्ट जिन्हें आप निजी रूप से परखें, हर उत्तर उसके नियम के साथ\n"
        "मेरे *Home* टैब में (या `/niyam service CCS KL`, `/niyam language hi` से) नियमावली, राज्य और भाषा चुनें।"),
    "SLACK_HOME_TITLE": "Niyam: क्या मैं यह पोस्ट कर सकता हूँ?",
    "SLACK_HOME_ABOUT": ("Niyam आपकी पोस्ट, ट्वीट या टिप्पणी का मसौदा सिविल सेवकों के आचरण नियमों पर जाँचता है और "
                         "निर्णय (*अनुमति है*, *सावधानी के साथ अनुमति है*, *पहले अनुमति ज़रूरी*, *अनुमति नहीं है*), "
                         "कारण और जिन नियमों पर यह आधारित है, उद्धरण सहित बताता है।"),
    "SLACK_HOME_HOW": (
        "*कैसे पूछें*\n"
        "• `/niyam आपका मसौदा`: एक निजी उत्तर जो केवल आप देखते हैं, चैनल में शेयर करने के बटन के साथ\n"
        "• मुझे मसौदे के साथ direct message भेजें\n"
        "• चैनल में मसौदे के साथ `@Niyam` mention करें: मैं thread में उत्तर देता हूँ\n"
        "• किसी भी संदेश पर *More actions ⋯ → Check this post with Niyam*: उस संदेश पर एक निजी उत्तर"),
    "SLACK_HOME_PRIVACY": ("Niyam मार्गदर्शन है, निर्णय नहीं: संदेह हो तो अपने कैडर प्राधिकारी से पूछें। यह आपकी चुनी हुई "
                           "सेवा, राज्य और भाषा रखता है और, यदि आप प्रतिक्रिया बटन दबाएँ, तो निर्णय और नियम संदर्भ; "
                           "आपके मसौदों का पाठ कभी नहीं।"),
    "SLACK_ONLY_FILES": "मैं केवल पाठ पढ़ सकता हूँ: कृपया मसौदा स्वयं संदेश में चिपकाएँ। (संलग्नक और चित्र नहीं पढ़े जाते।)",
    "SLACK_UNKNOWN_COMMAND": "मैं केवल `/niyam` जानता हूँ। `/niyam help` आज़माएँ।",
    "SLACK_HOME_RULEBOOK": "*आपकी सेवा*\nआप पर कौन-से आचरण नियम लागू होते हैं?",
    "SLACK_HOME_CHOOSE": "अपनी सेवा चुनें",
    "SLACK_HOME_SAVED": "✅ सहेजा गया: आपके प्रश्न अब *{code}* नियमों पर जाँचे जाते हैं।",
    # -- admins: adding documents from chat (an admin who chose Hindi reads these too)
    "NOT_ADMIN": "केवल Niyam के प्रशासक दस्तावेज़ जोड़ सकते हैं। उनसे इसे अनुक्रमित करने को कहें।",
    "NOT_ADMIN_COMMAND": "{command} का उपयोग केवल Niyam के प्रशासक कर सकते हैं।",
    "PREVIEW_NOT_YOURS": "क्षमा करें, इस दस्तावेज़ को अनुक्रमित या रद्द केवल वही प्रशासक कर सकता है जिसने इसे भेजा।",
    "INDEX_UNAVAILABLE": "क्षमा करें, मैं अभी चैट से दस्तावेज़ नहीं जोड़ सकता: {reason}",
    "INDEX_BAD_FILE": "मैं *{name}* को अनुक्रमित नहीं कर सका: {reason}",
    "INDEX_FAILED": ("क्षमा करें, *{name}* जोड़ते समय कुछ गड़बड़ हुई (संदर्भ {ref})। फिर प्रयास करने के लिए फ़ाइल "
                     "दोबारा भेजें।"),
    "INDEX_PREVIEW": ("🔎 *लागू होने से पहले जाँचें।* *{name}* को अनुक्रमित करने से यह जुड़ेगा:\n{preview}\n"
                      "जब तक आप *अनुक्रमित करें* नहीं दबाते, कुछ भी अनुक्रमित नहीं होता। यह पूर्वावलोकन {minutes} "
                      "मिनट में समाप्त हो जाएगा।"),
    "NO_DETAILS": "(कोई विवरण नहीं)",
    "INDEX_BUTTON": "अनुक्रमित करें",
    "CANCEL_BUTTON": "रद्द करें",
    "INDEX_WORKING": "{name} अनुक्रमित हो रहा है…",
    "INDEX_DONE": "📚 *{title}* (`{id}`) जोड़ा गया\n{summary}",
    "INDEX_CANCELLED": "रद्द किया गया: *{name}* अनुक्रमित नहीं हुआ, और मैंने अपनी प्रति हटा दी है।",
    "PREVIEW_EXPIRED": "यह पूर्वावलोकन समाप्त हो चुका है या पहले ही निपटाया जा चुका है। दस्तावेज़ अनुक्रमित करने के लिए, {resend}।",
    "FILE_WRONG_KIND": ("मैं PDF, DOCX, HTML, Markdown या सादे पाठ की फ़ाइलें (.pdf .docx .html .md .txt) अनुक्रमित कर "
                        "सकता हूँ; {name} इनमें से नहीं है।"),
    "FILE_WRONG_TYPE": "{name} स्वयं को {mime} बताती है, जो उसके {ext} नाम से मेल नहीं खाता; कृपया मूल फ़ाइल भेजें।",
    "FILE_TOO_BIG": "{name} {limit_mb} MB से बड़ी है; {platform} से मैं इससे बड़ी फ़ाइल नहीं ला सकता।",
    "FILE_NO_ADDRESS": "Slack ने इसे डाउनलोड करने का कोई पता नहीं दिया",
    "FILE_NOT_SLACKS": "फ़ाइल का पता Slack फ़ाइल का पता नहीं है",
    "FILE_FETCH_FAILED": "फ़ाइल लाते समय Slack ने {status} उत्तर दिया (क्या files:read अनुमति दी गई है?)",
    "FILE_LOGIN_PAGE": "Slack ने फ़ाइल के बजाय लॉगिन पेज भेजा (क्या files:read अनुमति दी गई है?)",
    "TOO_MANY_FILES": "मैं एक संदेश में {limit} फ़ाइलें तक जोड़ता हूँ; {left} नहीं जोड़ी गईं: {resend}।",
    "TELEGRAM_INDEX_HOW": ("दस्तावेज़ स्वयं (PDF, DOCX, HTML, Markdown या पाठ) कैप्शन `/index` के साथ भेजें। मैं पहले "
                           "दिखाता हूँ कि इससे क्या जुड़ेगा, और *अनुक्रमित करें* दबाने पर ही इसे अनुक्रमित करता हूँ।"),
    "TELEGRAM_INDEX_BAD_SERVICES": ("/index के बाद आप वे नियमावलियाँ लिख सकते हैं जिन पर यह लागू होता है (AIS, CCS), "
                                    "जैसे `/index CCS`।"),
    "TELEGRAM_RESEND": "इसे कैप्शन /index के साथ फिर भेजें",
    "TELEGRAM_CANCELLED_TAP": "रद्द किया गया।",
    "SLACK_FILE_INDEX_HINT": "फ़ाइल को Niyam की अनुक्रमणिका में जोड़ने के लिए, उसे शब्द `index` के साथ फिर शेयर करें।",
    "SLACK_RESEND": "फ़ाइल को शब्द `index` के साथ फिर शेयर करें",
    "SLACK_RESEND_MANY": "उन्हें शब्द `index` के साथ फिर शेयर करें",
    "SLACK_FILES_INFO_FAILED": "मैं Slack से *{name}* नहीं पढ़ सका। क्या `files:read` अनुमति दी गई है?",
    # -- admins: the weekly quiz of a group or channel
    "DIGEST_OFF": "इस बातचीत के लिए साप्ताहिक क्विज़ बंद है।",
    "DIGEST_NOT_SET": "यहाँ साप्ताहिक क्विज़ चालू नहीं है। कोई प्रशासक इसे {on} से चालू करता है।",
    "DIGEST_USAGE": "इस बातचीत में साप्ताहिक क्विज़ प्रश्न के लिए {on}, या उसे बंद करने के लिए {off} का उपयोग करें।",
    "DIGEST_SLACK_INVITE": "यदि मैं अभी इस चैनल का सदस्य नहीं हूँ, तो मुझे `/invite @Niyam` से आमंत्रित करें।",
    "REPORT_USAGE": "{command} का उपयोग करें, या उस दिन से गिनने के लिए {command} 2026-11-01।",
    "REPORT_SENT_SLACK": "📊 मैंने आपको रिपोर्ट हमारे direct messages में भेज दी है।",
}

_NAMES: dict[str, str] = {}  # English text -> its constant's name, for `localize`


def localize(text: str, lang: str | None) -> str:
    """`text` (one of the English constants above) in `lang`; itself when there is no version in that language."""
    if lang != "hi":
        return text
    if not _NAMES:
        _NAMES.update({v: k for k, v in globals().items() if k.isupper() and isinstance(v, str)})
    name = _NAMES.get(text)
    return HI.get(name, text) if name else text


def checked_note(kind: str, params: dict[str, str], lang: str = "en") -> str:
    """"Checked: your draft without its last sentence": what a follow-up's answer took as the draft."""
    if lang == "hi":
        what = _CHECKED_NOTES_HI.get(kind, "आपका बदला हुआ मसौदा")
        oblique = params.get("unit") == "sentence"  # वाक्य is masculine: पहले वाक्य; पंक्ति feminine: पहली पंक्ति
        params = {k: (_HI_MASCULINE.get(v) if oblique and k == "position" else None) or _HI_WORDS.get(v, v)
                  for k, v in params.items()}
    else:
        what = CHECKED_NOTES.get(kind, "your changed draft")
    return localize(CHECKED, lang).format(what=what.format(**params))


_CHECKED_NOTES_HI = {
    "without": "आपका मसौदा, {position} {unit} के बिना",
    "without_about": "आपका मसौदा, “{words}” वाली {unit} के बिना",
    "added": "आपका मसौदा, अंत में “{words}” जोड़कर",
    "setting": "आपका मसौदा, {place} पोस्ट किया गया",
    "share_only": "आपका मसौदा, बिना अपनी टिप्पणी के जैसा है वैसा शेयर किया गया",
    "replaced": "आपका मसौदा, “{old}” की जगह “{new}” के साथ",
    "edited": "आपका संपादित मसौदा",
}
_HI_MASCULINE = {"first": "पहले", "second": "दूसरे", "third": "तीसरे"}
_HI_WORDS = {"last": "आखिरी", "first": "पहली", "second": "दूसरी", "third": "तीसरी", "line": "पंक्ति",
             "sentence": "वाक्य"}
