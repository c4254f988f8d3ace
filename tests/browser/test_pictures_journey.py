"""Picture notes in real browsers: phones add pictures to the vision board, the projector
shows them as a collage, and a file that is no picture is refused on the phone."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from .helpers import join_as

VISION = "Vision: two years from now"  # takes pictures in the demo agenda


@pytest.fixture
def app_server(fresh_server):
    """A server of its own: the board starts empty and the pictures land in its own media."""
    return fresh_server


@pytest.fixture
def presenter(presenter: Page) -> Page:
    """The demo facilitator presenting the vision board."""
    presenter.locator(f'.step[title="{VISION}"]').click()
    expect(presenter.get_by_role("heading", name=VISION, level=1)).to_be_visible()
    return presenter


def sketch(colour: str, size=(2400, 1800)) -> dict:
    """A phone photo of a drawing, as the file picker hands it over."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 200, size[0] - 300, size[1] - 200), outline=colour, width=60)
    draw.rectangle((900, 700, 1500, 1100), fill=colour)
    out = BytesIO()
    image.save(out, "JPEG", quality=90)
    return {"name": f"{colour}.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def choose_column(phone: Page, column: str) -> None:
    radio = phone.get_by_role("radio", name=column)
    for _attempt in range(3):  # a snapshot arriving mid-tap can swallow the tap
        radio.click()
        if radio.is_checked():
            break
    expect(radio).to_be_checked()


def add_picture(phone: Page, picture: dict, column: str, caption: str = "") -> None:
    choose_column(phone, column)
    phone.get_by_label("Your note", exact=True).fill(caption)
    phone.get_by_label("Add a picture").set_input_files(picture)


def expect_loaded(picture) -> None:
    expect(picture).to_be_visible()
    picture.scroll_into_view_if_needed()
    assert picture.evaluate(
        "img => img.decode().then(() => img.naturalWidth)", timeout=10_000
    ) in range(1, 1601)


def test_phones_add_picture_notes_and_the_projector_shows_a_collage(
    presenter, new_phone, screenshot
):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    amira = new_phone().new_page()
    join_as(amira, code, "Amira")
    ben = new_phone().new_page()
    join_as(ben, code, "Ben")
    expect(amira.get_by_role("heading", name=VISION)).to_be_visible()
    expect(amira.get_by_label("Take a photo")).to_have_attribute("capture", "environment")

    add_picture(amira, sketch("teal"), "Customers see", "Our new front desk")

    on_projector = presenter.locator(".board--presenter .note--picture")
    expect(on_projector).to_have_count(1)
    expect(on_projector).to_contain_text("Our new front desk")
    expect_loaded(on_projector.get_by_role("img", name="Our new front desk"))
    for phone in (amira, ben):
        note = phone.locator(".board--phone .note--picture")
        expect(note).to_have_count(1)
        expect_loaded(note.get_by_role("img", name="Our new front desk"))
    expect(amira.get_by_label("Your note", exact=True)).to_have_value("")
    expect(amira.get_by_role("status").filter(has_text="Uploading")).to_have_count(0)

    # More pictures and some text notes: the projector makes a collage of them.
    add_picture(ben, sketch("crimson"), "Customers feel")
    add_picture(amira, sketch("navy", (1800, 2400)), "Customers see", "Customers draw with us")
    for phone, text in ((ben, "They fixed it before I asked twice"), (amira, "Known by name")):
        choose_column(phone, "Customers see")
        phone.get_by_label("Your note", exact=True).fill(text)
        phone.get_by_role("button", name="Add note").click()
    expect(on_projector).to_have_count(3)
    expect(presenter.locator(".board--presenter .note")).to_have_count(5)
    expect_loaded(on_projector.get_by_role("img", name="A picture note"))

    # A picture note takes votes like any other.
    voted = ben.locator(".note--picture", has_text="Our new front desk")
    voted.get_by_role("button", name="Vote for this note").click()
    expect(
        presenter.locator(".note--picture", has_text="Our new front desk").locator(".note__votes")
    ).to_contain_text("1 vote")

    screenshot(presenter, "pictures-collage-1440")
    screenshot(amira, "pictures-phone-390")


def test_a_file_that_is_no_picture_is_refused_on_the_phone_and_the_caption_kept(
    presenter, new_phone
):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    phone = new_phone().new_page()
    join_as(phone, code, "Chloé")

    not_a_picture = {
        "name": "minutes.jpg",
        "mimeType": "image/jpeg",
        "buffer": b"Minutes of the meeting, not a picture.\n" * 50,
    }
    add_picture(phone, not_a_picture, "Customers say", "What they tell us")

    status = phone.get_by_role("status").filter(has_text="not a picture we can read")
    expect(status).to_contain_text("Try a JPEG or PNG photo.")
    expect(phone.get_by_label("Your note", exact=True)).to_have_value("What they tell us")
    expect(presenter.locator(".board--presenter .note")).to_have_count(0)

    # Over the limit: the phone says so before sending anything.
    big = {"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * (10 * 1024 * 1024 + 1)}
    phone.get_by_label("Add a picture").set_input_files(big)
    expect(phone.get_by_role("status").filter(has_text="larger than 10 MB")).to_be_visible()
    expect(presenter.locator(".board--presenter .note")).to_have_count(0)
