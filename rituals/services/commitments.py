"""Start one ritual now: the facilitator records it, every participant commits to it."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy

from workshops.models import Activity, Participant
from workshops.services import ServiceError

from ..models import Commitment, DesignedRitual, StartedRitual
from .access import check_actor, check_running_facilitator, check_text

PEOPLE_LIMIT = 120
COMMITMENT_LIMIT = 280
# The words the commitment box starts with (templates/rituals/start.html).
OPENING = pgettext_lazy("start of a commitment", "I will")


def _details(first_occurrence: datetime | None, owner: str, sponsor: str) -> dict:
    if first_occurrence is None:
        raise ServiceError(
            gettext("Set when the ritual first happens: right now, in the room, is best.")
        )
    if timezone.localdate(first_occurrence) < timezone.localdate():
        raise ServiceError(
            gettext("The first occurrence has already passed: pick now or a time to come.")
        )
    owner = check_text(
        owner,
        empty=gettext("Name the owner: the role that makes sure the ritual happens."),
        limit=PEOPLE_LIMIT,
        what=gettext("the owner"),
    )
    sponsor = check_text(
        sponsor,
        empty=gettext("Name the C-level sponsor who stands behind the ritual."),
        limit=PEOPLE_LIMIT,
        what=gettext("the sponsor"),
    )
    return {"first_occurrence": first_occurrence, "owner": owner, "sponsor": sponsor}


@transaction.atomic
def start_ritual(
    activity: Activity,
    by: AbstractBaseUser | None,
    *,
    designed: DesignedRitual,
    first_occurrence: datetime | None,
    owner: str,
    sponsor: str,
) -> StartedRitual:
    """Mark the room's chosen ritual as started, with its first occurrence, owner and sponsor."""
    workshop = activity.workshop
    check_running_facilitator(workshop, by)
    if designed.activity.workshop_id != workshop.pk:
        raise ServiceError(gettext("That ritual was not designed in this workshop."))
    details = _details(first_occurrence, owner, sponsor)
    if StartedRitual.objects.filter(activity=activity).exists():
        raise ServiceError(
            gettext("A ritual has already been started here: change its details instead.")
        )
    try:
        with transaction.atomic():
            return StartedRitual.objects.create(
                activity=activity, designed_ritual=designed, started_by=by, **details
            )
    except IntegrityError:
        raise ServiceError(
            "A ritual has already been started here: change its details instead."
        ) from None


@transaction.atomic
def update_started_ritual(
    started: StartedRitual,
    by: AbstractBaseUser | None,
    *,
    first_occurrence: datetime | None,
    owner: str,
    sponsor: str,
) -> StartedRitual:
    check_running_facilitator(started.activity.workshop, by)
    for name, value in _details(first_occurrence, owner, sponsor).items():
        setattr(started, name, value)
    started.save(update_fields=["first_occurrence", "owner", "sponsor"])
    return started


def _commitment_text(text: str) -> str:
    text = check_text(
        text,
        empty=gettext("Finish the sentence “I will …” with what you will do."),
        limit=COMMITMENT_LIMIT,
        what=gettext("your commitment"),
    )
    if text.casefold().rstrip(" .…") in {"i will", str(OPENING).casefold()}:
        raise ServiceError(gettext("Finish the sentence “I will …” with what you will do."))
    return text


@transaction.atomic
def commit_to_ritual(
    started: StartedRitual, participant: Participant, text: str
) -> tuple[Commitment, bool]:
    """Write (or rewrite) one's own "I will …" for the started ritual; created is False on an
    edit."""
    participant = check_actor(started.activity.workshop, participant, None)
    text = _commitment_text(text)
    try:
        with transaction.atomic():
            return Commitment.objects.update_or_create(
                started_ritual=started, participant=participant, defaults={"text": text}
            )
    except IntegrityError:
        # The same phone sent twice at once: the first one created it, this one edits it.
        commitment = Commitment.objects.get(started_ritual=started, participant=participant)
        commitment.text = text
        commitment.save(update_fields=["text", "updated_at"])
        return commitment, False


@transaction.atomic
def withdraw_commitment(started: StartedRitual, participant: Participant) -> None:
    """Take back one's own commitment."""
    participant = check_actor(started.activity.workshop, participant, None)
    Commitment.objects.filter(started_ritual=started, participant=participant).delete()


@transaction.atomic
def show_commitment_names(activity: Activity, by: AbstractBaseUser | None, show: bool) -> Activity:
    """Whether the commitments wall (and the results) name who wrote each commitment."""
    check_running_facilitator(activity.workshop, by)
    activity.show_names = show
    activity.save(update_fields=["show_names"])
    return activity
