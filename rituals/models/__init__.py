"""The rituals module's models: the pillars and the ritual library (content), and what a
workshop makes of them (norms, ideas, designed rituals, groups, the started ritual, the way of
working)."""

from .commitments import Commitment, StartedRitual
from .design import DesignedRitual, GroupMember, RitualGroup, RitualIdea
from .library import Cadence, Pillar, Ritual
from .norms import NormDetail, NormShift
from .vision import VisionDraft, VisionStatement, VisionVote
from .way_of_working import WayOfWorkingLine

__all__ = [
    "Cadence",
    "Commitment",
    "DesignedRitual",
    "GroupMember",
    "NormDetail",
    "NormShift",
    "Pillar",
    "Ritual",
    "RitualGroup",
    "RitualIdea",
    "StartedRitual",
    "VisionDraft",
    "VisionStatement",
    "VisionVote",
    "WayOfWorkingLine",
]
