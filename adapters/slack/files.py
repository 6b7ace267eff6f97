"""Fetching a file an admin shared: files.info, then url_private with the bot token.

The token is only ever sent to Slack's own file hosts or the configured Web API host, so a
strange URL in a payload cannot make Niyam hand its token to someone else.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_FILES_PER_MESSAGE = 5
SLACK_FILE_DOMAINS = ("slack.com", "slack-gov.com", "slack-edge.com")


class DownloadError(Exception):
    """A file could not be fetched; the message is safe to show the admin."""


def safe_filename(name: object, fallback: str = "document") -> str:
    name = Path(str(name or "")).name
    name = re.sub(r"[^\w.\- ()]+", "_", name).strip(" .")
    return name[:120] or fallback


def allowed_url(url: str, api_url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    api_host = (urlsplit(api_url).hostname or "").lower()
    if parts.scheme == "https" and any(host == d or host.endswith("." + d) for d in SLACK_FILE_DOMAINS):
        return True
    # GovSlack, self-hosted gateways and tests: the host the Web API itself is reached at.
    return bool(host) and host == api_host and parts.scheme in ("https", "http")


async def download(url: str, dest: Path, *, token: str, api_url: str, max_bytes: int = MAX_FILE_BYTES,
                   expect_html: bool = False) -> Path:
    if not allowed_url(url, api_url):
        raise DownloadError("the file's address is not a Slack file address")
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url, headers={"Authorization": f"Bearer {token}"}) as resp:
            if resp.status != 200:
                raise DownloadError(f"Slack answered {resp.status} when I fetched the file (is the files:read scope granted?)")
            if resp.content_type == "text/html" and not expect_html:
                raise DownloadError("Slack sent a login page instead of the file (is the files:read scope granted?)")
            size = 0
            with dest.open("wb") as f:
                async for chunk in resp.content.iter_chunked(64 * 1024):
                    size += len(chunk)
                    if size > max_bytes:
                        raise DownloadError(f"the file is larger than {max_bytes // (1024 * 1024)} MB")
                    f.write(chunk)
    return dest
