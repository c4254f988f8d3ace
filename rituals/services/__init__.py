"""Every change in the rituals module goes through one of these functions.

Each one runs in one transaction, checks who may do it (the workshop's facilitator through
``workshops.services.check_facilitator``; a participant of the room who has not been removed;
a room that is not closed) and raises ``workshops.services.ServiceError`` with a message for
the person who asked.
"""

from .canvas import (
    CANVAS_FIELDS,
    CanvasConflict,
    canvas_value,
    clean_canvas_value,
    edit_canvas_field,
    is_canvas_editor,
)
from .commitments import (
    commit_to_ritual,
    show_commitment_names,
    start_ritual,
    update_started_ritual,
    withdraw_commitment,
)
from .groups import (
    assign_ritual,
    group_of,
    move_member,
    place_late_joiner,
    split_into_groups,
)
from .ideas import (
    promote_ideas,
    promote_top_ideas,
    put_ritual_on_board,
    remove_designed_ritual,
    top_ideas,
)
from .library import create_ritual, update_ritual
from .norms import (
    add_norm_detail,
    edit_norm_shift,
    make_norm_shift,
    norm_note_in,
    norm_shift_in,
    remove_norm_shift,
)
from .way_of_working import (
    accept_line,
    add_line,
    edit_line,
    line_in,
    remove_line,
    suggest_line,
)

__all__ = [
    "create_ritual",
    "update_ritual",
    "accept_line",
    "add_line",
    "add_norm_detail",
    "assign_ritual",
    "CANVAS_FIELDS",
    "canvas_value",
    "CanvasConflict",
    "clean_canvas_value",
    "commit_to_ritual",
    "edit_canvas_field",
    "edit_line",
    "edit_norm_shift",
    "group_of",
    "is_canvas_editor",
    "line_in",
    "make_norm_shift",
    "move_member",
    "norm_note_in",
    "norm_shift_in",
    "place_late_joiner",
    "promote_ideas",
    "promote_top_ideas",
    "put_ritual_on_board",
    "remove_designed_ritual",
    "remove_line",
    "remove_norm_shift",
    "show_commitment_names",
    "split_into_groups",
    "start_ritual",
    "suggest_line",
    "top_ideas",
    "update_started_ritual",
    "withdraw_commitment",
]
