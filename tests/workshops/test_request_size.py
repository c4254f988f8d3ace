"""An oversized request body is refused before the app reads it (config.asgi.RequestSizeLimit)."""

from __future__ import annotations

from html import unescape

import pytest
from asgiref.testing import ApplicationCommunicator
from django.conf import settings as django_settings

from config.asgi import application
from tests.conftest import make_facilitator, make_participant, make_workshop, participant_cookie
from workshops.models import Note

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOO_LARGE = "That picture is larger than"


def http_scope(path: str, headers: list[tuple[bytes, bytes]]) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 40000),
        "server": ("testserver", 80),
    }


async def response_of(communicator: ApplicationCommunicator) -> tuple[int, str]:
    start = await communicator.receive_output(5)
    assert start["type"] == "http.response.start", start
    body = b""
    while True:
        message = await communicator.receive_output(5)
        body += message.get("body", b"")
        if not message.get("more_body"):
            return start["status"], unescape(body.decode())


@pytest.fixture
def upload_path(db) -> tuple[str, str]:
    facilitator = make_facilitator("Fran")
    workshop = make_workshop(facilitator, template_slug="understand-customer-culture")
    amira = make_participant(workshop, "Amira")
    cookie = f"{django_settings.PARTICIPANT_COOKIE}={participant_cookie(amira)}"
    return f"/r/{workshop.room_code}/pictures/", cookie


async def test_a_declared_length_over_the_limit_is_refused_before_a_byte_is_read(upload_path):
    path, cookie = upload_path
    declared = django_settings.REQUEST_MAX_BYTES + 1
    communicator = ApplicationCommunicator(
        application,
        http_scope(
            path,
            [
                (b"content-type", b"multipart/form-data; boundary=xyz"),
                (b"content-length", str(declared).encode()),
                (b"cookie", cookie.encode()),
            ],
        ),
    )
    # The body is never sent: the answer must come without it.
    status, text = await response_of(communicator)

    assert status == 413
    assert TOO_LARGE in text
    assert 'id="live-message"' in text
    await communicator.wait(1)


async def test_a_body_without_a_length_is_cut_off_once_it_passes_the_limit(settings, upload_path):
    settings.REQUEST_MAX_BYTES = 64 * 1024
    path, cookie = upload_path
    communicator = ApplicationCommunicator(
        application,
        http_scope(
            path,
            [
                (b"content-type", b"multipart/form-data; boundary=xyz"),
                (b"cookie", cookie.encode()),
            ],
        ),
    )
    chunk = b"x" * 16 * 1024
    for _ in range(5):  # 80 KB, and more to come
        await communicator.send_input({"type": "http.request", "body": chunk, "more_body": True})

    status, text = await response_of(communicator)

    assert status == 413
    assert TOO_LARGE in text
    await communicator.wait(1)
    assert await Note.objects.acount() == 0


async def test_a_body_within_the_limit_reaches_the_view(upload_path):
    path, cookie = upload_path
    body = b"--xyz--\r\n"
    communicator = ApplicationCommunicator(
        application,
        http_scope(
            path,
            [
                (b"content-type", b"multipart/form-data; boundary=xyz"),
                (b"content-length", str(len(body)).encode()),
                (b"cookie", cookie.encode()),
            ],
        ),
    )
    await communicator.send_input({"type": "http.request", "body": body, "more_body": False})

    status, _text = await response_of(communicator)

    # The view's own answer (no CSRF token in this bare request), not the size refusal.
    assert status == 403
    assert TOO_LARGE not in _text
