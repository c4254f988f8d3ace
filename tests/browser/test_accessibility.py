"""axe-core on every main page, and the presenter's keyboard, themes and live region.

axe-core comes from axe-playwright-python (its bundled axe.min.js, no CDN) and is injected with
Playwright's `evaluate`, which the Content-Security-Policy does not govern: the contexts are the
ordinary ones, and the policy watch of conftest.py still fails a test on any refusal.
A page fails on a serious or critical violation.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from workshops import kinds

from .conftest import LAPTOP, PHONE, PolicyWatch
from .helpers import CuttableSocket, join_as, log_in, say

AXE = Axe()
SET_LANGUAGE = """
from workshops.management.commands.seed_demo import DEMO_TITLE
from workshops.models import Workshop
Workshop.objects.filter(title=DEMO_TITLE).update(language={language!r})
"""
FAILING = ("serious", "critical")


def problems(page: Page, where: str) -> list[str]:
    """Serious and critical violations on the page as it is now, one line each."""
    results = AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in FAILING:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            found.append(f"{where}: {violation['id']} ({violation['impact']}) {targets}")
    return found


SMALL_TEXT = """() => [...document.querySelectorAll('.presenter-bar *, .agenda-nav *, #stage *')]
  .filter(e => e.offsetParent && !e.closest('.visually-hidden, details:not([open]) > :not(summary)')
    && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => parseFloat(getComputedStyle(e).fontSize) < 24)
  .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' '
    + getComputedStyle(e).fontSize + ' "' + e.textContent.trim().slice(0, 20) + '"')"""


def small_text(presenter: Page, where: str) -> list[str]:
    """Text on the projector below 24 px: too small for the back of a boardroom."""
    return [f"{where}: {line}" for line in presenter.evaluate(SMALL_TEXT)[:5]]


def on_stage(page: Page, activity: str) -> None:
    expect(page.locator(f'#stage[data-activity="{activity}"]')).to_be_attached()


@pytest.fixture
def demo_language(app_server):
    """Switches the demo workshop's language; back to English afterwards, as the module's other
    journeys present it (the projector speaks the workshop's language)."""

    def switch(language: str) -> None:
        app_server.manage("shell", "-c", SET_LANGUAGE.format(language=language))

    yield switch
    switch("en")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_main_page_has_no_serious_or_critical_violation(
    language, new_phone, app_server, browser, screenshot, demo_language
):
    """Every main page, in English and in Dutch (the browsers ask for the language; the demo
    workshop is switched to it, so the projector speaks it too)."""
    email, password = app_server.seed_demo()
    demo_language(language)
    found: list[str] = []
    locale = {"en": "en-GB", "nl": "nl-NL"}[language]

    # Before logging in: the landing page, the join form, the log-in page.
    visitor = new_phone(locale=locale).new_page()
    visitor.goto("/")
    expect(visitor.locator("html")).to_have_attribute("lang", language)
    found += problems(visitor, f"{language}: landing")
    visitor.goto("/accounts/login/")
    found += problems(visitor, f"{language}: log in")

    # The facilitator's pages, on the finished workshop (Leadership day).
    laptop = browser.new_context(base_url=app_server.url, locale=locale, **LAPTOP)
    policy = PolicyWatch()
    policy.watch(laptop)
    facilitator = laptop.new_page()
    # A stage arrives with a short fade; axe would measure contrast mid-fade. Reduced motion
    # (as a person may ask for) turns the fade off.
    facilitator.emulate_media(reduced_motion="reduce")
    log_in(facilitator, email, password, language)
    expect(facilitator.get_by_role("heading", name=say("Your workshops", language))).to_be_visible()
    found += problems(facilitator, f"{language}: workshop list")
    facilitator.get_by_role("link", name=re.compile("Leadership day")).first.click()
    finished = facilitator.url
    found += problems(facilitator, f"{language}: workshop page")
    screenshot(facilitator, f"a11y-workshop-page-1440-{language}")
    for page_name in ("Results", "Culture program"):
        facilitator.goto(finished)
        facilitator.get_by_role("link", name=say(page_name, language), exact=True).first.click()
        expect(facilitator.locator("h1")).to_be_visible()
        found += problems(facilitator, f"{language}: {page_name.lower()}")
    facilitator.goto("/rituals/")
    found += problems(facilitator, f"{language}: ritual library")

    # The demo room: the presenter walks the agenda, a phone follows; both checked per kind.
    facilitator.goto("/workshops/")
    facilitator.get_by_role("link", name=say("Present", language)).first.click()
    presenter = facilitator
    expect(presenter.locator("html")).to_have_attribute("lang", language)
    expect(presenter.locator(".connection[data-state='online']")).to_be_visible()
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    found += problems(presenter, f"{language}: presenter lobby")

    visitor.goto(f"/j/{code}/")
    found += problems(visitor, f"{language}: join (name)")
    phone = new_phone(locale=locale).new_page()
    phone.emulate_media(reduced_motion="reduce")
    join_as(phone, code, "Amira", language)
    expect(phone.locator("html")).to_have_attribute("lang", language)

    seen: set[str] = set()
    steps = presenter.locator(".agenda-nav__steps .step")
    for index in range(steps.count()):
        steps.nth(index).click()
        expect(steps.nth(index)).to_have_attribute("aria-current", "step")
        stage = presenter.locator("#stage")
        kind, activity = stage.get_attribute("data-kind"), stage.get_attribute("data-activity")
        on_stage(phone, activity)
        if kind in seen:
            continue
        seen.add(kind)
        found += problems(presenter, f"{language}: presenter, {kind}")
        found += small_text(presenter, f"{language}: presenter, {kind}")
        found += problems(phone, f"{language}: phone, {kind}")
        screenshot(phone, f"a11y-phone-{kind}-390-{language}")
        if phone.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            found.append(f"{language}: phone, {kind}: the page scrolls sideways")
    expected = {kind.key for kind in kinds.all_kinds()}
    assert seen >= expected - {"lobby"}, f"kinds never on the demo agenda: {expected - seen}"

    if language != "en":  # the themes below look the same in every language
        laptop.close()
        policy.check()
        assert not found, "axe found serious or critical violations:\n" + "\n".join(found)
        return

    # The presenter's dark theme on a board and a comparison, for contrast.
    presenter.keyboard.press("d")
    expect(presenter.locator("html")).to_have_attribute("data-theme", "dark")
    for title_kind in ("board", "paradigm", "lobby"):
        step = presenter.locator(".agenda-nav__steps .step").nth(
            next(i for i in range(steps.count()) if kind_of(presenter, i) == title_kind)
        )
        step.click()
        expect(presenter.locator(f'#stage[data-kind="{title_kind}"]')).to_be_attached()
        found += problems(presenter, f"presenter (dark), {title_kind}")
        screenshot(presenter, f"a11y-presenter-dark-{title_kind}-1440")
    presenter.keyboard.press("d")

    # A phone whose system is set to dark.
    dark = browser.new_context(
        base_url=app_server.url, color_scheme="dark", reduced_motion="reduce", **PHONE
    )
    try:
        dark_phone = dark.new_page()
        join_as(dark_phone, code, "Ben")
        for title_kind in ("lobby", "board", "paradigm"):
            index = next(i for i in range(steps.count()) if kind_of(presenter, i) == title_kind)
            steps.nth(index).click()
            expect(dark_phone.locator(f'#stage[data-kind="{title_kind}"]')).to_be_attached()
            found += problems(dark_phone, f"phone (dark), {title_kind}")
            screenshot(dark_phone, f"a11y-phone-dark-{title_kind}-390")
            screenshot(phone, f"a11y-phone-{title_kind}-390")
    finally:
        dark.close()
    laptop.close()
    policy.check()

    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


KINDS_BY_STEP: dict[int, str] = {}


def kind_of(presenter: Page, index: int) -> str:
    """The kind of the agenda's step `index` (read once by visiting it)."""
    if index not in KINDS_BY_STEP:
        presenter.locator(".agenda-nav__steps .step").nth(index).click()
        step = presenter.locator(".agenda-nav__steps .step").nth(index)
        expect(step).to_have_attribute("aria-current", "step")
        KINDS_BY_STEP[index] = presenter.locator("#stage").get_attribute("data-kind")
    return KINDS_BY_STEP[index]


def test_the_presenter_is_driven_from_the_keyboard_and_speaks_to_screen_readers(
    presenter, new_phone, screenshot
):
    # Every step is named by its title, not only its number.
    steps = presenter.locator(".agenda-nav__steps .step")
    steps.nth(0).click()  # the first activity, whatever an earlier journey left on screen
    expect(steps.nth(0)).to_have_attribute("aria-current", "step")
    second = steps.nth(1)
    title = second.get_attribute("data-title")
    expect(presenter.get_by_role("button", name=f"2 {title}", exact=False)).to_have_count(1)

    # ? opens the list of shortcuts; Escape closes it.
    presenter.keyboard.press("Shift+?")
    shortcuts = presenter.get_by_role("dialog", name="Keyboard shortcuts")
    expect(shortcuts).to_be_visible()
    screenshot(presenter, "a11y-presenter-shortcuts-1440")
    presenter.keyboard.press("Escape")
    expect(shortcuts).to_be_hidden()

    # → moves on, and the live region says where the room is now.
    presenter.keyboard.press("ArrowRight")
    expect(second).to_have_attribute("aria-current", "step")
    expect(presenter.locator("#announcer")).to_have_text(re.compile(r"^Now: \S"))

    # T starts the timer and is heard; T again stops it.
    presenter.keyboard.press("t")
    expect(presenter.get_by_role("timer")).to_be_visible()
    expect(presenter.locator("#announcer")).to_have_text("The timer is running.")
    presenter.keyboard.press("t")
    expect(presenter.get_by_role("timer")).to_be_hidden()

    # D switches to the dark projector theme, and the laptop remembers it.
    toggle = presenter.get_by_role("button", name="Dark theme")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    presenter.keyboard.press("d")
    expect(presenter.locator("html")).to_have_attribute("data-theme", "dark")
    presenter.reload()
    expect(presenter.locator("html")).to_have_attribute("data-theme", "dark")
    expect(presenter.get_by_role("button", name="Dark theme")).to_have_attribute(
        "aria-pressed", "true"
    )
    screenshot(presenter, "a11y-presenter-dark-1440")
    presenter.get_by_role("button", name="Dark theme").click()
    expect(presenter.locator("html")).to_have_attribute("data-theme", "light")
    screenshot(presenter, "a11y-presenter-light-1440")

    # Nothing on the projector is smaller than 24 px.
    assert small_text(presenter, "presenter") == []


def test_a_phone_shows_its_waiting_notes_in_the_top_bar_while_offline(presenter, new_phone):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    steps = presenter.locator(".agenda-nav__steps .step")
    vision = next(i for i in range(steps.count()) if kind_of(presenter, i) == "vision")
    steps.nth(vision).click()
    phone = new_phone().new_page()
    cut = CuttableSocket()
    phone.route_web_socket(re.compile(r"/ws/rooms/"), cut.handle)
    join_as(phone, code, "Cleo")
    expect(phone.locator('#stage[data-kind="vision"]')).to_be_attached()
    waiting = phone.locator("#waiting")
    expect(waiting).to_be_hidden()

    cut.cut()
    expect(phone.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    phone.get_by_role("radio", name="Customers say").check()
    phone.get_by_label("Your note", exact=True).fill("They call us by our first names")
    phone.get_by_role("button", name="Add note").click()
    expect(waiting).to_have_text("1 note waiting")

    cut.restore()
    expect(waiting).to_be_hidden(timeout=15_000)
