"""Per-user settings (only the chosen service), kept minimal because chats are sensitive."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from knowledge.model import SERVICES

DEFAULT_SERVICE = "AIS"


class UserSettings:
    """A small JSON file under the data directory, keyed `platform:user_id`."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        try:
            self._data: dict[str, dict] = json.loads(path.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            self._data = {}

    def service(self, user: str) -> str:
        return self._data.get(user, {}).get("service", DEFAULT_SERVICE)

    def set_service(self, user: str, service: str) -> str:
        service = service.strip().upper()
        if service not in SERVICES:
            raise ValueError(f"unknown service {service!r}; choose one of {', '.join(SERVICES)}")
        with self._lock:
            self._data.setdefault(user, {})["service"] = service
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._data, indent=1, sort_keys=True))
            os.replace(tmp, self.path)
        return service
