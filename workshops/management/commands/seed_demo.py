"""Create the demo facilitator and workshops (once), and print how to log in and join.

Two workshops: an empty room to run (the printed join link), and one that has been run, its
results put in through the services as a room would (workshops/demo.py), so the results page,
the culture program and its report have something to show."""

from __future__ import annotations

import socket

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from workshops import kinds, services
from workshops.demo import PEOPLE, DemoRoom
from workshops.models import Workshop, WorkshopTemplate

DEMO_EMAIL = "demo@culture-room.test"
DEMO_PASSWORD = "customer-first"
DEMO_TITLE = "Customer culture day (demo)"
FINISHED_TITLE = "Leadership day: our customer culture"
CLIENT = "Acme Insurance"
TEMPLATE = "full-customer-culture-day"


def lan_address() -> str:
    """The address phones on the same network reach this machine by, else 127.0.0.1.

    Connecting a UDP socket only asks the routing table which interface would be used;
    no packet is sent.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    return address if not address.startswith("0.") else "127.0.0.1"


class Command(BaseCommand):
    help = "Create a demo facilitator and a demo workshop; print the log-in and join links."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--host", default="", help="Host for the printed links (default: LAN address)"
        )

    @transaction.atomic
    def handle(self, *args, port: int, host: str, **options) -> None:
        User = get_user_model()
        user = User.objects.filter(username=DEMO_EMAIL).first()
        if user is None:
            user = services.create_facilitator(
                name="Demo Facilitator", email=DEMO_EMAIL, password=DEMO_PASSWORD
            )
        workshop = Workshop.objects.filter(facilitator=user, title=DEMO_TITLE).first()
        if workshop is None:
            workshop = services.create_workshop(
                user,
                title=DEMO_TITLE,
                client_organisation=CLIENT,
                template=WorkshopTemplate.objects.filter(slug=TEMPLATE).first(),
            )
        elif workshop.is_closed:
            services.reopen_room(workshop, user)
        finished = Workshop.objects.filter(facilitator=user, title=FINISHED_TITLE).first()
        if finished is None:
            finished = finished_workshop(user)
        base = f"http://{host or lan_address()}:{port}"
        self.stdout.write(f"Log in: {base}/accounts/login/ as {DEMO_EMAIL} / {DEMO_PASSWORD}")
        self.stdout.write(f"Join: {base}/j/{workshop.room_code}/")
        self.stdout.write(f"A finished workshop, with results: {base}/workshops/{finished.pk}/")


def finished_workshop(user) -> Workshop:
    """The full day as a room of eight leaders ran it today: each activity whose kind declares
    ``demo`` is filled through the services; then the room is closed."""
    workshop = services.create_workshop(
        user,
        title=FINISHED_TITLE,
        client_organisation=CLIENT,
        date=timezone.localdate(),
        template=WorkshopTemplate.objects.filter(slug=TEMPLATE).first(),
    )
    people = [
        services.join_room(workshop.room_code, name, services.new_device_key()) for name in PEOPLE
    ]
    room = DemoRoom(facilitator=user, people=people)
    for activity in workshop.activities.order_by("position"):
        fill = kinds.get(activity.kind).demo
        if fill is not None:
            fill(activity, room)
    services.close_room(workshop, user)
    return workshop
