"""Niyam in Slack: answers in threads, privately with /niyam and the check_post shortcut, with Block Kit."""

from .app import build_app, serve, serve_async, web_app

__all__ = ["build_app", "serve", "serve_async", "web_app"]
