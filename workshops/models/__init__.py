"""The workshops app's models: rooms and their agenda, and the sticky-note boards."""

from .boards import BoardColumn, Cluster, Note, Vote
from .paradigm import (
    SCALE_MAX,
    SCALE_MIN,
    ParadigmDimension,
    Pillar,
    Rating,
    WorkshopDimension,
)
from .rooms import (
    ROOM_CODE_ALPHABET,
    ROOM_CODE_LENGTH,
    Activity,
    Participant,
    Presence,
    Workshop,
    WorkshopTemplate,
)
from .slides import Slide

__all__ = [
    "ROOM_CODE_ALPHABET",
    "ROOM_CODE_LENGTH",
    "Activity",
    "BoardColumn",
    "Cluster",
    "Note",
    "ParadigmDimension",
    "Participant",
    "Presence",
    "Pillar",
    "Rating",
    "SCALE_MAX",
    "SCALE_MIN",
    "Slide",
    "Vote",
    "Workshop",
    "WorkshopDimension",
    "WorkshopTemplate",
]
