"""A phone's first visit is light: from the QR code's link to a live room under 150 KB.

Everything the phone downloads over HTTP counts, as transferred (compressed where the server
compresses): the join page, the name post, the room page, its styles, scripts and icons. The
socket's snapshot is not an HTTP download and is measured by the benchmarks.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

BUDGET = 150 * 1024


def test_a_phone_joins_a_live_room_within_150_kb(presenter, new_phone):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    context = new_phone()
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    phone = context.new_page()
    phone.goto(f"/j/{code}/")  # the link in the QR code
    phone.get_by_label("Your name").fill("Amira")
    phone.get_by_role("button", name="Enter the room").click()
    expect(phone).to_have_url(re.compile(rf"/r/{code}/$"))
    expect(phone.get_by_role("status").filter(has_text="Live")).to_be_visible()
    phone.wait_for_load_state("networkidle")

    # A file asked for twice (by the join page, then the room page) counts each time it came
    # over the network; from the browser's cache it weighs nothing.
    sizes = []
    for request in finished:
        size = request.sizes()
        sizes.append((size["responseBodySize"] + size["responseHeadersSize"], request.url))
    total = sum(size for size, _url in sizes)
    listing = "\n".join(f"{size:>8} {url}" for size, url in sizes)
    print(f"first load: {total} bytes\n{listing}")
    assert any(url.endswith("culture-room.css") and size > 0 for size, url in sizes), listing
    assert total < BUDGET, f"{total / 1024:.0f} KB transferred:\n{listing}"
