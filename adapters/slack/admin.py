"""An admin's file in Slack: shared in a DM with the word `index`, previewed, then "Index it" or "Cancel".

The flow itself (staging in the data dir's private uploads directory, preview, confirmation by the same admin,
indexing, clean-up) is the chat core's (chat/uploads.py, chat/core.py); this module speaks Bolt.
"""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

from adapters.slack.blocks import INDEX_CONFIRM, index_preview_message, mrkdwn
from adapters.slack.blocks import notice_message as note_of
from adapters.slack.common import Notice, Send, dict_of, guarded, log, text_of
from adapters.slack.files import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE, DownloadError, download
from chat import texts
from chat.core import ChatCore
from chat.errors import log_internal
from chat.say import Say, spoken
from chat.uploads import safe_name


class SlackAdmin:
    def __init__(self, core: ChatCore, *, token: str, api_url: str):
        self.core, self.token, self.api_url = core, token, api_url

    async def preview_files(self, client, *, user: str, files: list[dict], send: Send, notice: Notice) -> None:
        """Each file is downloaded to the core's staging directory and previewed; nothing is indexed until its
        admin confirms."""
        if not self.core.is_admin(user):
            await notice(mrkdwn(texts.NOT_ADMIN))
            return
        for f in files[:MAX_FILES_PER_MESSAGE]:
            if not await self._preview_one(client, user, f, send, notice):
                return
        if len(files) > MAX_FILES_PER_MESSAGE:
            await notice(mrkdwn(texts.TOO_MANY_FILES, limit=MAX_FILES_PER_MESSAGE, resend=texts.SLACK_RESEND_MANY,
                                left=len(files) - MAX_FILES_PER_MESSAGE))

    async def _preview_one(self, client, user: str, f: dict, send: Send, notice: Notice) -> bool:
        """Previews one file; False when indexing from chat is unavailable (no point trying the others)."""
        name = safe_name(f.get("name"), f["id"])
        try:
            info = await client.files_info(file=f["id"])
        except SlackApiError as exc:
            log_internal(log, "files.info", exc)
            await notice(mrkdwn(Say(texts.SLACK_FILES_INFO_FAILED, {"name": name})))
            return True
        meta = dict_of(info.get("file"))
        name = safe_name(meta.get("name") or name, f["id"])
        folder = self.core.uploads.new_dir()
        try:
            url = text_of(meta.get("url_private_download")) or text_of(meta.get("url_private"))
            if not url:
                raise DownloadError(spoken(texts.FILE_NO_ADDRESS))
            size = meta.get("size")
            if isinstance(size, int) and size > MAX_FILE_BYTES:
                raise DownloadError(spoken(texts.FILE_TOO_BIG).format(name=name, limit_mb=MAX_FILE_BYTES // (1024 * 1024),
                                                              platform="Slack"))
            path = await download(url, folder / name, token=self.token, api_url=self.api_url,
                                  expect_html=meta.get("filetype") == "html")
        except DownloadError as exc:
            self.core.uploads.discard_dir(folder)
            await notice(mrkdwn(Say(texts.INDEX_BAD_FILE, {"name": name, "reason": str(exc)})))
            return True
        except BaseException:
            self.core.uploads.discard_dir(folder)
            raise
        token, said = await self.core.preview_upload(user, path, name)
        if token is None:
            await notice(mrkdwn(said))
            return said.text != texts.INDEX_UNAVAILABLE
        try:
            await send(index_preview_message(said, token))
        except Exception:
            self.core.uploads.drop(token)  # no buttons were shown: nothing to keep
            raise
        log.info("offered an index preview")
        return True

    @guarded("index button")
    async def on_index_button(self, ack, body, action, respond, client):
        """"Index it" or "Cancel" under a preview: only the admin who shared the file decides."""
        await ack()
        body, action = dict_of(body), dict_of(action)
        user = text_of(dict_of(body.get("user")).get("id"))
        container = dict_of(body.get("container"))
        channel = text_of(container.get("channel_id")) or text_of(dict_of(body.get("channel")).get("id"))
        message_ts = text_of(container.get("message_ts"))
        can_respond = bool(text_of(body.get("response_url")))

        async def private(note: str) -> None:  # only whoever clicked sees it
            if can_respond:
                await respond(response_type="ephemeral", replace_original=False, **note_of(note))
            elif channel and user:
                await client.chat_postEphemeral(channel=channel, user=user, **note_of(note))

        async def replace(note: str) -> None:  # the preview message becomes the outcome; its buttons go
            if can_respond:
                await respond(replace_original=True, **note_of(note))
            elif channel and message_ts:
                await client.chat_update(channel=channel, ts=message_ts, **note_of(note))
            else:
                await private(note)

        if not user:
            return
        claimed = self.core.claim_upload(user, action.get("value"), texts.SLACK_RESEND)
        if isinstance(claimed, Say):
            await private(mrkdwn(claimed))
            return
        if action.get("action_id") != INDEX_CONFIRM:
            await replace(mrkdwn(self.core.cancel_upload(claimed)))
            return
        try:  # the buttons go at once, so nobody presses them again while the index is built
            await replace("⏳ " + mrkdwn(texts.INDEX_WORKING, name=claimed.filename))
        except Exception as exc:
            log_internal(log, "updating an index preview", exc)
        await replace(mrkdwn(await self.core.index_upload(claimed)))
