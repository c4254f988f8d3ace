"""Create the demo facilitator and workshop (once), and print how to log in and join."""

from __future__ import annotations

import socket

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from workshops import services
from workshops.models import Workshop, WorkshopTemplate

DEMO_EMAIL = "demo@culture-room.test"
DEMO_PASSWORD = "customer-first"
DEMO_TITLE = "Customer culture day (demo)"


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
                client_organisation="Acme Insurance",
                template=WorkshopTemplate.objects.filter(slug="full-customer-culture-day").first(),
            )
        elif workshop.is_closed:
            services.reopen_room(workshop, user)
        base = f"http://{host or lan_address()}:{port}"
        self.stdout.write(f"Log in: {base}/accounts/login/ as {DEMO_EMAIL} / {DEMO_PASSWORD}")
        self.stdout.write(f"Join: {base}/j/{workshop.room_code}/")
