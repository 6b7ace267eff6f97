"""The whole configuration of a Niyam process, read once from the environment (see ../shared/contract.md).

`Settings()` reads the NIYAM_* variables; `apply_environment_defaults()` sets the third-party variables Niyam
relies on (offline model loading, no telemetry) and is the only place that does.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing_extensions import Annotated, Literal

# Set when unset, before any library that reads them is imported.
ENVIRONMENT_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",  # the embedding model ships inside a package; never reach the Hub
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TOKENIZERS_PARALLELISM": "false",
    "ANONYMIZED_TELEMETRY": "False",  # chromadb
}


def apply_environment_defaults() -> None:
    for name, value in ENVIRONMENT_DEFAULTS.items():
        os.environ.setdefault(name, value)


class Settings(BaseSettings):
    """NIYAM_* configuration. Empty variables count as unset."""

    model_config = SettingsConfigDict(env_prefix="NIYAM_", env_ignore_empty=True, extra="ignore")

    data_dir: Path = Path(".niyam")
    chroma_url: str | None = None
    database_url: str | None = None
    admins: Annotated[frozenset[str], NoDecode] = Field(default_factory=frozenset)
    log_format: Literal["text", "json"] = "text"  # `json`: one JSON object a log line
    health_port: int | None = None  # `niyam serve`: GET /healthz on this port (also --health-port)
    follow_seconds: Annotated[float, Field(gt=0)] = 2.0  # `niyam serve`: how often the active-index pointer is polled

    telegram_token: str | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_port: int = 8443
    telegram_listen: str = "0.0.0.0"

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_port: int = 3000
    slack_host: str = "0.0.0.0"

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> object:
        """`NIYAM_ADMINS`: comma-separated `telegram:<user id>` and `slack:<user id>`."""
        if isinstance(value, str):
            return frozenset(a.strip() for a in value.split(",") if a.strip())
        return value

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("telegram_token", "telegram_webhook_url", "telegram_webhook_secret", "slack_bot_token",
                     "slack_signing_secret", "slack_app_token", "chroma_url", mode="after")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return (value or "").strip() or None
