"""Fetching a file an admin shared: files.info, then url_private with the bot token.

The token is only ever sent over https to Slack's own file hosts, or to exactly the configured Web API origin
(scheme, host and port: GovSlack, self-hosted gateways, test doubles), so a strange URL in a payload cannot make
Niyam hand its token to someone else.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from chat import texts
from chat.say import spoken

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_FILES_PER_MESSAGE = 5
SLACK_FILE_DOMAINS = ("slack.com", "slack-gov.com", "slack-edge.com")


class DownloadError(Exception):
    """A file could not be fetched; the message is safe to show the admin."""


def _origin(url: str) -> tuple[str, str, int | None] | None:
    parts = urlsplit(url)
    try:
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:  # a port that is not a number
        return None
    host = (parts.hostname or "").lower()
    return (parts.scheme.lower(), host, port) if host else None


def allowed_url(url: str, api_url: str) -> bool:
    origin = _origin(url)
    if origin is None:
        return False
    scheme, host, port = origin
    if scheme == "https" and port == 443 and any(host == d or host.endswith("." + d) for d in SLACK_FILE_DOMAINS):
        return True
    return origin == _origin(api_url)  # exactly the Web API's own origin


async def download(url: str, dest: Path, *, token: str, api_url: str, max_bytes: int = MAX_FILE_BYTES,
                   expect_html: bool = False) -> Path:
    if not allowed_url(url, api_url):
        raise DownloadError(spoken(texts.FILE_NOT_SLACKS))
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url, headers={"Authorization": f"Bearer {token}"}) as resp:
            if resp.status != 200:
                raise DownloadError(spoken(texts.FILE_FETCH_FAILED).format(status=resp.status))
            if resp.content_type == "text/html" and not expect_html:
                raise DownloadError(spoken(texts.FILE_LOGIN_PAGE))
            size = 0
            with dest.open("wb") as f:
                async for chunk in resp.content.iter_chunked(64 * 1024):
                    size += len(chunk)
                    if size > max_bytes:
                        raise DownloadError(spoken(texts.FILE_TOO_BIG).format(name=dest.name, limit_mb=max_bytes // (1024 * 1024),
                                                                      platform="Slack"))
                    f.write(chunk)
    return dest
