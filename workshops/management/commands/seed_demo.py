"""Create the demo facilitator and workshops (once), and print how to log in and join.

Two workshops: an empty room to run (the printed join link), and one that has been run, its
results put in through the services as a room would (workshops/demo.py), so the results page,
the culture program and its report have something to show."""

from __future__ import annotations

import secrets
import socket

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from config.files import private_secret
from workshops import kinds, services
from workshops.demo import PEOPLE, DemoRoom
from workshops.models import Workshop, WorkshopTemplate

DEMO_EMAIL = "demo@culture-room.test"
# The password every installation had before it got its own: replaced where still in use.
FORMER_DEMO_PASSWORD = "customer-first"
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


def demo_password() -> str:
    """This installation's own demo password, made once and kept in var/ (readable by its owner
    alone): `make run` serves on every interface, so a password anyone could read in the README
    would let anyone on the wifi in as the facilitator."""
    return private_secret(settings.VAR_DIR / "demo_password", lambda: secrets.token_urlsafe(12))


def set_demo_password(user) -> str:
    """The password to print for the demo facilitator: this installation's, unless they chose
    another since; the former shared password is replaced."""
    password = demo_password()
    if user.check_password(FORMER_DEMO_PASSWORD):
        user.set_password(password)
        user.save(update_fields=["password"])
    return password if user.check_password(password) else "(the password you chose)"


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
                name="Demo Facilitator", email=DEMO_EMAIL, password=demo_password()
            )
        password = set_demo_password(user)
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
        self.stdout.write(f"Log in: {base}/accounts/login/ as {DEMO_EMAIL} / {password}")
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
