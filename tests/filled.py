"""A full customer-culture day with something in every table: notes (one a picture), votes,
clusters, ratings, norms with pillars and shifts, ideas from the library, designed rituals with
groups, a vision statement with drafts and votes, a started ritual with commitments, the way of
working, and the culture program with a share link.

The proofs use it: the fuzzer's other room (its rows must not change), the authorization
matrix's ids, the backup's round trip.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from culture_program import services as program_services
from rituals import services as ritual_services
from rituals.models import DesignedRitual, GroupMember, Pillar, Ritual, RitualGroup, VisionDraft
from tests.conftest import make_participant, make_workshop
from workshops import services
from workshops.models import Activity, Participant, Workshop


@dataclass
class Filled:
    workshop: Workshop
    participants: list[Participant]
    activities: dict[str, Activity]


def picture_bytes(colour=(200, 80, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


def fill_workshop(facilitator, title: str = "Acme's customer-culture day") -> Filled:
    workshop = make_workshop(facilitator, template_slug="full-customer-culture-day", title=title)
    people = [make_participant(workshop, name) for name in ("Amira", "Bruno", "Chen", "Dana")]
    by_kind = {a.kind: a for a in workshop.activities.order_by("-position")}
    workshop.refresh_from_db()

    def on_screen(kind: str) -> Activity:
        activity = by_kind[kind]
        services.goto_activity(workshop, facilitator, activity.pk)
        activity.refresh_from_db()
        return activity

    # The paradigm comparison: ratings.
    paradigm = on_screen("paradigm")
    for n, person in enumerate(people):
        for dimension in paradigm.dimensions.all()[:3]:
            services.set_rating(
                workshop,
                participant=person,
                activity_id=paradigm.pk,
                dimension_id=dimension.pk,
                today=1 + n,
                target=7 - n,
            )

    # A board: notes, one with a picture, votes, a cluster.
    board = on_screen("board")
    columns = list(board.columns.order_by("position"))
    dimension = paradigm.dimensions.order_by("position").first()
    notes = []
    for n, person in enumerate(people):
        note, _ = services.add_note(
            workshop,
            participant=person,
            activity_id=board.pk,
            column_id=columns[n % len(columns)].pk,
            text=f"Mixed signal {n + 1}: we say customer first, we reward speed",
            system_does="The bonus counts tickets closed",
            dimension_id=dimension.pk,
            client_id=f"filled-board-{n:04d}",
        )
        notes.append(note)
    services.group_note(workshop, facilitator, note_id=notes[0].pk, group="Rewards")
    services.reveal_board(workshop, facilitator, board.pk)
    for person in people[1:]:
        services.vote(workshop, participant=person, note_id=notes[0].pk)

    # The vision board: a picture note.
    vision_board = on_screen("vision")
    services.add_picture_note(
        workshop,
        participant=people[0],
        activity_id=vision_board.pk,
        column_id=vision_board.columns.order_by("position").first().pk,
        image_file=SimpleUploadedFile("wall.jpg", picture_bytes(), content_type="image/jpeg"),
        client_id="filled-picture-0001",
        caption="The wall of customer letters",
    )

    # The vision statement: groups, drafts, votes, the final text.
    vision = on_screen("vision_statement")
    ritual_services.vision.split_into_groups(vision, facilitator, 2)
    drafts = list(VisionDraft.objects.filter(activity=vision).order_by("pk"))
    members = {m.participant_id: m.group_id for m in GroupMember.objects.filter(activity=vision)}
    for draft in drafts:
        author = next(p for p in people if members.get(p.pk) == draft.group_id)
        ritual_services.vision.edit_draft(draft, author, "Every customer feels known")
    ritual_services.vision.set_voting(vision, facilitator, True)
    for person in people:
        ritual_services.vision.vote(drafts[0], person)
    ritual_services.vision.finalise(vision, facilitator, "Every customer feels known by name")

    # Norms: a note with its pillar and belief, a from → to shift.
    norms = on_screen("norms")
    norm_columns = list(norms.columns.order_by("position"))
    norm, _ = services.add_note(
        workshop,
        participant=people[1],
        activity_id=norms.pk,
        column_id=norm_columns[0].pk,
        text="We answer complaints within a week",
        client_id="filled-norm-0001",
    )
    ritual_services.add_norm_detail(
        norm, participant=people[1], pillar=Pillar.objects.get(slug="listening"), belief="Slow"
    )
    ritual_services.make_norm_shift(norms, facilitator, "", "We answer within a day", note=norm)

    # Ideas from the library, voted; the top ones designed by groups.
    ideas = on_screen("ritual_ideas")
    ideas_columns = list(ideas.columns.order_by("position"))
    for ritual in Ritual.objects.order_by("position")[:2]:
        ritual_services.put_ritual_on_board(
            workshop, participant=people[2], activity=ideas, ritual=ritual
        )
    for n, person in enumerate(people):
        services.add_note(
            workshop,
            participant=person,
            activity_id=ideas.pk,
            column_id=ideas_columns[0].pk,
            text=f"Ritual idea {n + 1}: a customer at every kick-off",
            client_id=f"filled-idea-{n:04d}",
        )
    design = on_screen("ritual_design")
    ritual_services.promote_top_ideas(design, facilitator, ideas, 3)
    designed = list(DesignedRitual.objects.filter(activity=design).order_by("position"))
    ritual_services.groups.split_into_groups(design, facilitator, 2)
    group = RitualGroup.objects.filter(activity=design).order_by("position").first()
    ritual_services.assign_ritual(group, facilitator, designed[0])
    ritual_services.edit_canvas_field(
        designed[0], by=facilitator, field="purpose", value="Hear a customer", base_version=0
    )

    # Start one ritual now; commitments.
    start = on_screen("start_ritual")
    started = ritual_services.start_ritual(
        start,
        facilitator,
        designed=designed[0],
        first_occurrence=timezone.now(),
        owner="Head of service",
        sponsor="COO",
    )
    for person in people[:3]:
        ritual_services.commit_to_ritual(started, person, f"I will call a customer, {person}")

    # The way of working.
    wow = on_screen("way_of_working")
    line = ritual_services.suggest_line(wow, people[3], "goals", "Start with the customer goal")
    ritual_services.accept_line(line, facilitator)

    # The culture program and a share link.
    program = program_services.create_program(workshop, facilitator)
    program_services.add_milestone(
        program, facilitator, name="Half-year review", date=program.start_date
    )
    program_services.add_metric(
        program, facilitator, name="NPS", baseline="20", target="40", how_measured="Survey"
    )
    program_services.create_share_link(program, facilitator)

    services.goto_activity(workshop, facilitator, board.pk)
    workshop.refresh_from_db()
    return Filled(workshop, people, {key: by_kind[key] for key in by_kind})
