"""Frames on the room socket: no message the server sends is above the websocket frame limit.

daphne refuses to send a websocket message over 1 MiB (``websocket_max_message_size``); a
board of a few thousand notes renders to more than that. A long message therefore goes out in
parts, each a comment naming the message and the part, followed by a slice of the HTML::

    <!--part 7 1/3--><section id="stage" ...
    <!--part 7 2/3-->... more notes ...
    <!--part 7 3/3-->... </section>

The browser (``static/js/room.js``, the ``ws-parts`` htmx extension) joins the parts and
swaps the whole message at once, so a screen never shows half a board. Messages below the
part size go out unchanged, as they always have.
"""

from __future__ import annotations

import re

FRAME_LIMIT = 1024 * 1024
# A character is at most 4 bytes of UTF-8: a part is at most 256 KiB, a quarter of the limit.
PART_CHARS = 64 * 1024
PART_HEAD = re.compile(r"<!--part (\S+) (\d+)/(\d+)-->")


def frames(text: str, message_id: str) -> list[str]:
    """``text`` as the frames that carry it: itself, or its parts in order."""
    if len(text) <= PART_CHARS:
        return [text]
    slices = [text[start : start + PART_CHARS] for start in range(0, len(text), PART_CHARS)]
    count = len(slices)
    return [
        f"<!--part {message_id} {number}/{count}-->{piece}"
        for number, piece in enumerate(slices, start=1)
    ]


def joined(frames_received: list[str]) -> list[str]:
    """The messages a screen reads from these frames, parts put together (for tests and the
    benchmark's simulated screens, as ``room.js`` does in the browser)."""
    messages: list[str] = []
    pending: list[str] = []
    for frame in frames_received:
        head = PART_HEAD.match(frame)
        if head is None:
            messages.append(frame)
            continue
        number, count = int(head.group(2)), int(head.group(3))
        if number == 1:
            pending = []
        pending.append(frame[head.end() :])
        if number == count:
            messages.append("".join(pending))
            pending = []
    return messages
