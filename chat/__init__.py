"""What every chat platform shares: who the user is and their settings, rate limits, the draft-length limit,
feedback, the admin upload flow and one wording of every text (`chat.texts`).

Adapters parse their platform's payloads, call `chat.core.ChatCore`, and render what it returns.
"""
