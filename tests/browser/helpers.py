"""What browser journeys share: logging in, joining as a phone, a network that can be cut."""

from __future__ import annotations

import re

from django.utils import translation
from playwright.sync_api import Page, WebSocketRoute, expect


def say(text: str, language: str = "en") -> str:
    """What the page says for ``text`` in ``language`` (from the catalogue)."""
    with translation.override(language):
        return translation.gettext(text)


class CuttableSocket:
    """Routes a page's room socket through Playwright so the test can cut and restore it.

    `context.set_offline` leaves open websockets alone, so this is how a phone "loses wifi".
    """

    def __init__(self) -> None:
        self.offline = False
        self.pairs: list[tuple[WebSocketRoute, WebSocketRoute]] = []

    def handle(self, page_side: WebSocketRoute) -> None:
        if self.offline:
            page_side.close(code=1013, reason="offline")  # the page retries, as on bad wifi
            return
        self.pairs.append((page_side, page_side.connect_to_server()))

    def cut(self) -> None:
        self.offline = True
        for page_side, server_side in self.pairs:
            server_side.close()
            page_side.close(code=1012, reason="network lost")
        self.pairs.clear()

    def restore(self) -> None:
        self.offline = False


def log_in(page: Page, email: str, password: str, language: str = "en") -> None:
    page.goto("/accounts/login/")
    page.get_by_label(say("Email", language)).fill(email)
    page.get_by_label(say("Password", language)).fill(password)
    page.get_by_role("button", name=say("Log in", language)).click()


def join_as(page: Page, code: str, name: str, language: str = "en") -> None:
    page.goto("/")
    page.get_by_label(say("Room code", language)).fill(code.lower())
    page.get_by_role("button", name=say("Continue", language)).click()
    page.get_by_label(say("Your name", language)).fill(name)
    page.get_by_role("button", name=say("Enter the room", language)).click()
    expect(page).to_have_url(re.compile(rf"/r/{code}/$"))
    expect(page.locator(".connection[data-state='online']")).to_be_visible()
