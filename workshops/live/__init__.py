"""The live layer: who is on a socket, what their screen shows, and how changes reach it.

- ``viewers``: who is on a socket (``Viewer``) and the room's two groups;
- ``screens``: what the screens show (the stage of the current activity's kind, snapshots,
  personal fragments);
- ``updates``: how changes travel (``RoomUpdate``, ``Outcome``, ``send``/``asend``);
- ``actions``: reading a socket message, the actions' table and their shared preamble;
- ``presence``: this process's presence heartbeat and the presenter's list of people;
- ``frames``: long messages in parts, each under the websocket frame limit;
- ``ticks``: changes coming fast joined into one message per room audience and tick;
- ``boards``, ``paradigm``: the fragments of the core's own kinds.

Every fragment is rendered once per change and language from the same partials the pages
use, and sent to a Channels group: one group for the room's phones, one for its presenter
screens; each screen takes the HTML in its own language (``rendering``). Fragments carry
stable ids and are swapped out-of-band, so applying one twice, or after a snapshot, leaves
the same page.
"""

from __future__ import annotations

from .rendering import for_language
from .screens import (
    PAGE_STAGE_SECONDS,
    PRESENTERS,
    live_message,
    personal_for,
    phone_stage,
    room_context,
    snapshot,
    stage_context,
    stage_version,
)
from .updates import (
    Outcome,
    RoomUpdate,
    asend,
    closing_update,
    presence_update,
    room_code_update,
    send,
    stage_update,
)
from .viewers import Viewer, identify_viewer

__all__ = [
    "PAGE_STAGE_SECONDS",
    "PRESENTERS",
    "Outcome",
    "RoomUpdate",
    "Viewer",
    "asend",
    "closing_update",
    "for_language",
    "identify_viewer",
    "live_message",
    "personal_for",
    "phone_stage",
    "presence_update",
    "room_code_update",
    "room_context",
    "send",
    "snapshot",
    "stage_context",
    "stage_update",
    "stage_version",
]
