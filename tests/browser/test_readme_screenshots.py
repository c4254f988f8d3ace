"""The README's screenshots, taken from the running app as a client would see it.

`make screenshots` writes them into docs/screenshots/; in `make test` they go to
test-results/screenshots/readme/ and the journey checks what each one must show: the lobby's
room code, a projector board of 60 notes, a phone on that board (also a Dutch one), the gap
summary, the ritual canvases and the report's pages. The projector is taken in its light and
dark themes, the phone in the system's light and dark modes.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from workshops.management.commands.seed_demo import DEMO_TITLE, FINISHED_TITLE

from .conftest import SCREENSHOTS
from .helpers import join_as, log_in, say

OUT = Path(os.environ.get("README_SCREENSHOTS") or SCREENSHOTS / "readme")
VISION = "Vision: two years from now"
NOTES = [
    "Customers tell us once, and every team knows",
    "We call back the same day, every time",
    "Front line can refund up to 500 without asking",
    "Every leader spends a day a month on the phones",
    "We measure churn reasons, not just churn",
    "Product roadmap starts from complaints",
    "No handovers a customer can feel",
    "Claims paid in days, not weeks",
    "We share one customer story at every team meeting",
    "Bonuses follow customer outcomes",
    "Plain words in every letter",
    "Our app remembers what the customer told the call centre",
]
SEED = f"""
from workshops import services
from workshops.models import Note, Workshop
demo = Workshop.objects.get(title={DEMO_TITLE!r})
board = demo.activities.get(title={VISION!r})
columns = list(board.columns.all())
notes = {NOTES!r}
Note.objects.bulk_create(
    Note(activity=board, column=columns[n % len(columns)], author_name="Team",
         client_id=f"readme-{{n:03d}}", text=notes[n % len(notes)])
    for n in range(60)
)
finished = Workshop.objects.get(title={FINISHED_TITLE!r})
services.reopen_room(finished, finished.facilitator)
print(demo.pk, finished.pk)
"""


@pytest.fixture
def app_server(fresh_server):
    return fresh_server


def shoot(page: Page, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled")
    return path


def both_themes(presenter: Page, name: str) -> None:
    """The projector in its light theme, then its dark one (the D key), then light again."""
    expect(presenter.locator("html")).to_have_attribute("data-theme", "light")
    presenter.evaluate("window.scrollTo(0, 0)")
    shoot(presenter, f"{name}-light")
    presenter.keyboard.press("d")
    expect(presenter.locator("html")).to_have_attribute("data-theme", "dark")
    shoot(presenter, f"{name}-dark")
    presenter.keyboard.press("d")


def go_to(presenter: Page, title: str) -> None:
    presenter.locator(f'.step[title="{title}"]').first.click()
    expect(presenter.locator("#stage h1").first).to_contain_text(title)


def test_the_readme_screenshots(app_server, laptop, new_phone, browser):
    email, password = app_server.seed_demo()
    demo_pk, finished_pk = app_server.manage("shell", "-c", SEED).split()[-2:]
    presenter = laptop.new_page()
    presenter.emulate_media(reduced_motion="reduce")
    log_in(presenter, email, password)

    # The lobby: the room code, readable from the back of the room.
    presenter.goto(f"/workshops/{demo_pk}/present/")
    expect(presenter.get_by_role("status").filter(has_text="Live")).to_be_visible()
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    expect(presenter.locator("#stage")).to_contain_text(code)
    phone = new_phone().new_page()
    join_as(phone, code, "Amira")
    dutch = new_phone(locale="nl-NL").new_page()
    join_as(dutch, code, "Sanne", "nl")
    expect(presenter.locator(".people__count")).to_contain_text("2")
    both_themes(presenter, "presenter-lobby")

    # A board of 60 notes on the projector, and a phone on it.
    go_to(presenter, VISION)
    expect(presenter.locator("#stage .note")).to_have_count(60)
    both_themes(presenter, "presenter-board")
    expect(phone.locator("#stage")).to_contain_text(VISION)
    phone.get_by_label("Your note", exact=True).fill("Customers hear from us before they ask")
    shoot(phone, "phone-board-light")
    phone.emulate_media(color_scheme="dark")
    shoot(phone, "phone-board-dark")
    expect(dutch.locator("#stage h1")).to_have_text(say(VISION, "nl"))
    shoot(dutch, "phone-board-nl")

    # The finished workshop: its gap summary and its ritual canvases on the projector.
    presenter.goto(f"/workshops/{finished_pk}/present/")
    expect(presenter.get_by_role("status").filter(has_text="Live")).to_be_visible()
    presenter.locator(".step[title='Where the gaps are']").first.click()
    expect(presenter.locator("#stage .gap-list__item").first).to_be_visible()
    both_themes(presenter, "presenter-gaps")
    presenter.locator(".step[title='Design the best rituals']").first.click()
    expect(presenter.locator("#stage .overview-card").first).to_be_visible()
    both_themes(presenter, "presenter-canvases")

    # The report: its cover and a ritual's page, as the client reads them.
    response = presenter.request.get(f"/workshops/{finished_pk}/program.pdf")
    assert response.ok and response.body().startswith(b"%PDF")
    pdf = OUT / "report.pdf"
    pdf.write_bytes(response.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "6", str(pdf), str(OUT / "report")],
        check=True,
    )
    pages = sorted(OUT.glob("report-*.png"))
    assert len(pages) == 6, pages
    pdf.unlink()
    taken = sorted(path.name for path in OUT.glob("*.png"))
    assert {
        "presenter-lobby-light.png",
        "presenter-board-dark.png",
        "phone-board-dark.png",
        "presenter-gaps-light.png",
        "presenter-canvases-dark.png",
    } <= set(taken)
    assert all(re.match(r"[a-z0-9-]+\.png$", name) for name in taken)
