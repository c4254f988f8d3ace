"""Every change of a workshop's state goes through one of these functions.

Each one checks who may do it, runs in one transaction and raises a ``ServiceError`` whose
message is written for the person who asked. Views and the live consumer call them; neither
writes models itself.
"""

from .access import (
    FACILITATOR_ONLY,
    check_facilitator,
    check_participant,
    check_room_open,
    swap_with_neighbour,
)
from .boards import (
    BOARD_KIND,
    add_note,
    delete_note,
    edit_note,
    group_note,
    hide_board,
    lock_board,
    move_note,
    reveal_board,
    set_board_columns,
    show_names,
    sort_board,
    spotlight_note,
    start_timer,
    stop_timer,
    unlock_board,
    unvote,
    update_board_settings,
    vote,
    votes_left,
)
from .errors import NotAllowed, RoomClosed, RoomNotFound, ServiceError
from .paradigm import (
    GAPS_KIND,
    PARADIGM_KIND,
    add_dimension,
    copy_dimensions,
    goto_dimension,
    move_dimension,
    remove_dimension,
    set_rating,
    step_dimension,
    update_dimension,
)
from .pictures import add_picture_note
from .presence import (
    forget_other_servers,
    record_presence,
    renew_presence,
    with_presence,
)
from .rooms import (
    add_activity,
    check_display_name,
    close_room,
    create_facilitator,
    create_workshop,
    delete_workshop,
    find_closed_workshop,
    find_me_in_open_room,
    find_open_workshop,
    find_participant,
    forget_open_room,
    goto_activity,
    join_room,
    join_workshop,
    move_activity,
    new_device_key,
    normalise_room_code,
    regenerate_room_code,
    remove_activity,
    remove_participant,
    reopen_room,
    step_activity,
    update_activity,
    update_workshop,
)
from .slides import (
    EXPLAINER_KIND,
    SLIDE_TEXTS,
    add_slide,
    create_slides,
    move_slide,
    remove_slide,
    step_slide,
    update_slide,
)
