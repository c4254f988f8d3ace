"""Picture notes: the upload from a phone, the checks on the picture, the clean copy that is
stored, and the same board rules as text notes."""

from __future__ import annotations

import itertools
import re
from html import unescape
from io import BytesIO
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms

from tests.conftest import make_participant, make_workshop, participant_cookie
from workshops import forms, live, pictures, services
from workshops.live import boards as board_live
from workshops.live import viewers
from workshops.models import Activity, Note, Participant, Workshop
from workshops.services import NotAllowed, ServiceError

pytestmark = pytest.mark.django_db

VISION = "Vision: two years from now"
UNREADABLE = "That file is not a picture we can read. Try a JPEG or PNG photo."
TOO_LARGE = "That picture is larger than 10 MB."
TOO_MANY_PIXELS = "That picture has too many pixels for the board."
TEXT_ONLY = "This board takes text notes only."
PAUSED = "The facilitator has paused input on this board."
NOT_IN_ROOM = "You are not in this room."

_client_ids = itertools.count(1)


def new_client_id() -> str:
    return f"picture-{next(_client_ids):06d}"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def text_of(response) -> str:
    return unescape(response.content.decode())


def stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


# Pictures as phones send them ----------------------------------------------------------------


def photo(size=(3000, 2000), fmt="JPEG", mode="RGB", **save) -> bytes:
    """A picture with some structure in it (noise does not compress away)."""
    noise = Image.effect_noise((size[0] // 10, size[1] // 10), 40).resize(size)
    image = Image.merge(
        "RGB", (noise, noise.rotate(180), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    )
    image = image.convert(mode)
    out = BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def camera_jpeg() -> bytes:
    """A phone camera's JPEG: held upright (EXIF orientation 6), with GPS, make, a colour
    profile and a comment, all of which must be gone from what is stored."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "PowerShot Secret"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 42.0)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return photo(exif=exif.tobytes(), icc_profile=srgb, comment=b"taken at the client's office")


def transparent_png(size=(3000, 2000)) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((200, 40, 40, 255), (0, 0, size[0] // 2, size[1]))
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def huge_png(size: tuple[int, int]) -> bytes:
    """A real PNG of ``size`` that is tiny on disk: one bit per pixel, all the same."""
    out = BytesIO()
    Image.new("1", size).save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return huge_png((20000, 20000))  # 400 megapixels in a few dozen kilobytes


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# The cast on the vision board ----------------------------------------------------------------


@pytest.fixture
def vision_workshop(facilitator) -> Workshop:
    return make_workshop(facilitator, template_slug="understand-customer-culture")


@pytest.fixture
def vision(vision_workshop) -> Activity:
    return vision_workshop.activities.get(title=VISION)


@pytest.fixture
def amira(vision_workshop) -> Participant:
    return make_participant(vision_workshop, "Amira")


@pytest.fixture
def phone(amira) -> Client:
    client = Client()
    client.cookies[django_settings.PARTICIPANT_COOKIE] = participant_cookie(amira)
    return client


def first_column(board: Activity):
    return board.columns.order_by("position").first()


def post_picture(client: Client, workshop: Workshop, board: Activity, data: bytes, **fields):
    payload = {
        "activity": board.pk,
        "column": first_column(board).pk,
        "client_id": new_client_id(),
        "caption": "",
        "image": upload(data, fields.pop("name", "photo.jpg")),
        **fields,
    }
    return client.post(reverse("picture_upload", args=[workshop.room_code]), payload)


def add_picture(workshop, participant, board, data=None, *, client_id=None, **fields):
    return services.add_picture_note(
        workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=first_column(board).pk,
        image_file=upload(data or photo((800, 600))),
        client_id=client_id or new_client_id(),
        **fields,
    )


class RoomListener:
    """A screen's end of the channel layer: what the room's phones and presenters receive."""

    def __init__(self, workshop: Workshop) -> None:
        self.layer = get_channel_layer()
        self.groups = [viewers.phones_group(workshop.pk), viewers.presenters_group(workshop.pk)]
        self.channel = async_to_sync(self.layer.new_channel)()
        for group in self.groups:
            async_to_sync(self.layer.group_add)(group, self.channel)

    def received(self) -> list[str]:
        async def drain() -> list[str]:
            # The in-memory layer drops a channel's queue once it is empty.
            messages = []
            while self.channel in self.layer.channels:
                html = (await self.layer.receive(self.channel))["html"]
                messages.append(live.for_language(html, "en"))
            return messages

        return async_to_sync(drain)()

    def close(self) -> None:
        for group in self.groups:
            async_to_sync(self.layer.group_discard)(group, self.channel)


@pytest.fixture
def listener(vision_workshop):
    listener = RoomListener(vision_workshop)
    yield listener
    listener.close()


# Accepted pictures ---------------------------------------------------------------------------


def test_a_camera_jpeg_becomes_a_small_upright_picture_note_without_metadata(
    phone, vision_workshop, vision, amira, media_root
):
    response = post_picture(
        phone, vision_workshop, vision, camera_jpeg(), caption="  Customers smile at the desk  "
    )

    assert response.status_code == 200
    note = Note.objects.get()
    assert note.participant == amira
    assert note.text == "Customers smile at the desk"
    assert re.fullmatch(r"notes/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", note.image.name)
    [path] = stored_files(media_root)
    assert path == Path(media_root) / note.image.name
    raw = path.read_bytes()
    with Image.open(path) as stored:
        assert stored.format == "JPEG"
        # Orientation 6 turned the 3000×2000 landscape upright, then it shrank to 1600 high.
        assert stored.size == (1067, 1600)
        assert not stored.getexif()
        assert "exif" not in stored.info
        assert "icc_profile" not in stored.info
        assert "comment" not in stored.info
    for secret in (b"Canon", b"PowerShot", b"client's office", b"Exif"):
        assert secret not in raw
    html = response.content.decode()
    assert f'id="note-{note.pk}"' in html
    assert "note--picture" in html
    assert f'src="{note.image.url}"' in html
    assert 'alt="Customers smile at the desk"' in html


def test_a_transparent_png_drawing_is_stored_as_a_jpeg_on_white(
    phone, vision_workshop, vision, media_root
):
    response = post_picture(phone, vision_workshop, vision, transparent_png(), name="sketch.png")

    assert response.status_code == 200
    [path] = stored_files(media_root)
    assert path.suffix == ".jpg"
    with Image.open(path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (1600, 1067)
        assert not stored.getexif()
        red = stored.getpixel((100, 500))
        white = stored.getpixel((1500, 500))
    assert red[0] > 180 and red[1] < 80
    assert min(white) > 245
    note = Note.objects.get()
    assert 'alt="A picture note"' in response.content.decode()
    assert note.text == ""


@pytest.mark.parametrize(
    ("fmt", "mode"),
    [("WEBP", "RGB"), ("PNG", "P"), ("PNG", "L"), ("JPEG", "CMYK"), ("PNG", "I;16")],
)
def test_webp_and_other_common_kinds_of_picture_are_accepted(fmt, mode):
    content = pictures.process_picture(upload(photo((900, 700), fmt, mode)))

    with Image.open(BytesIO(content.read())) as stored:
        assert stored.format == "JPEG"
        assert stored.mode == "RGB"
        assert stored.size == (900, 700)


def test_a_small_picture_is_not_enlarged():
    content = pictures.process_picture(upload(photo((640, 480))))

    assert Image.open(BytesIO(content.read())).size == (640, 480)


def test_the_picture_note_reaches_every_screen_like_a_text_note(
    phone, vision_workshop, vision, listener
):
    response = post_picture(phone, vision_workshop, vision, photo((800, 600)), caption="Our map")

    assert response.status_code == 200
    note = Note.objects.get()
    phones, presenters = listener.received()
    for html in (phones, presenters):
        assert f'id="note-{note.pk}"' in html
        assert f'src="{note.image.url}"' in html
        assert f"beforeend:#column-{note.column_id}-notes" in html
    assert "note.vote" in phones and "note.vote" not in presenters


def test_a_picture_note_on_a_hidden_board_is_seen_only_by_its_author(
    phone, vision_workshop, vision, listener
):
    vision.hide_until_reveal = True
    vision.save()

    response = post_picture(phone, vision_workshop, vision, photo((800, 600)), caption="Secret")

    assert response.status_code == 200
    note = Note.objects.get()
    # Everyone else hears only that the count went up.
    for html in listener.received():
        assert note.image.name not in html
        assert "Secret" not in html
        assert f'id="board-{vision.pk}-count"><strong>1</strong> note<' in html
    # The author's phone gets its own notes back, the picture among them.
    html = response.content.decode()
    assert f'id="my-notes-{vision.pk}"' in html
    assert f'src="{note.image.url}"' in html


def test_the_same_client_id_twice_stores_one_note_and_one_picture(
    phone, vision_workshop, vision, media_root, listener
):
    data = photo((800, 600))
    first = post_picture(phone, vision_workshop, vision, data, client_id="resent-picture-1")
    listener.received()
    again = post_picture(phone, vision_workshop, vision, data, client_id="resent-picture-1")

    assert first.status_code == again.status_code == 200
    note = Note.objects.get()
    assert f'id="note-{note.pk}"' in again.content.decode()
    assert len(stored_files(media_root)) == 1
    assert listener.received() == []  # a resend changes no screen


def test_the_stored_picture_is_served_with_debug_off(settings, phone, vision_workshop, vision):
    settings.DEBUG = False
    post_picture(phone, vision_workshop, vision, photo((800, 600)))
    note = Note.objects.get()

    response = Client().get(note.image.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert Client().get("/media/notes/nothing-here.jpg").status_code == 404
    assert Client().get("/media/../config/settings.py").status_code in (400, 404)


# Refused pictures: a clear message, and nothing stored ----------------------------------------


def truncated_jpeg() -> bytes:
    data = photo((1200, 900))
    return data[: len(data) // 2]


def heic_like() -> bytes:
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 2000


def gif() -> bytes:
    out = BytesIO()
    Image.new("P", (50, 50)).save(out, "GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("make_data", "name", "message"),
    [
        (lambda: b"Dear team, this is not a picture.\n" * 200, "notes.jpg", UNREADABLE),
        (truncated_jpeg, "cut-off.jpg", UNREADABLE),
        (gif, "animation.gif", UNREADABLE),
        (heic_like, "IMG_0001.HEIC", "iPhone HEIC pictures cannot be read here. Use a JPEG or PNG"),
        (lambda: huge_png((7000, 7000)), "scan.png", TOO_MANY_PIXELS),
        (lambda: b"\xff\xd8\xff\xe0" + b"\x00" * (10 * 1024 * 1024), "big.jpg", TOO_LARGE),
    ],
    ids=["text-renamed-jpg", "truncated-jpeg", "gif", "heic", "49-megapixels", "over-10-mb"],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_stored(
    phone, vision_workshop, vision, media_root, listener, make_data, name, message
):
    response = post_picture(
        phone, vision_workshop, vision, make_data(), name=name, client_id="refused-pic-1"
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="live-message"' in html
    assert 'data-rejected-client-id="refused-pic-1"' in html
    assert message in text_of(response)
    assert not Note.objects.exists()
    assert stored_files(media_root) == []
    assert listener.received() == []


def test_an_image_bomb_is_refused_before_it_is_decoded(
    phone, vision_workshop, vision, media_root, bomb
):
    assert len(bomb) < 200_000

    response = post_picture(phone, vision_workshop, vision, bomb, name="bomb.png")

    assert response.status_code == 400
    assert TOO_MANY_PIXELS in response.content.decode()
    assert not Note.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    "size", [(20000, 20000), (10000, 10000), (7000, 7000)], ids=["error", "warning", "ours"]
)
def test_every_size_of_image_bomb_is_refused_by_the_processing(size):
    with pytest.raises(ServiceError, match=TOO_MANY_PIXELS):
        pictures.process_picture(upload(huge_png(size)))


def test_the_pixel_ceiling_is_what_phones_produce():
    iphone_24_megapixels = 5712 * 4284
    assert iphone_24_megapixels <= pictures.MAX_PIXELS < 30_000_000


def test_a_picture_of_thirty_megapixels_is_refused_before_it_is_decoded(
    phone, vision_workshop, vision, media_root
):
    response = post_picture(phone, vision_workshop, vision, huge_png((6000, 5000)), name="a.png")

    assert response.status_code == 400
    assert TOO_MANY_PIXELS in response.content.decode()
    assert not Note.objects.exists()
    assert stored_files(media_root) == []


def test_when_every_picture_slot_is_taken_an_upload_is_told_to_try_again(
    settings, phone, vision_workshop, vision, media_root
):
    settings.PICTURE_WAIT_SECONDS = 0
    slots = pictures.picture_slots()
    taken = 0
    while slots.acquire(blocking=False):
        taken += 1
    try:
        assert taken == settings.PICTURE_WORKERS
        response = post_picture(phone, vision_workshop, vision, photo((800, 600)))
    finally:
        for _ in range(taken):
            slots.release()

    assert response.status_code == 400
    assert "Many pictures are arriving right now" in text_of(response)
    assert not Note.objects.exists()
    assert stored_files(media_root) == []
    # A free slot again: the same picture goes through.
    assert post_picture(phone, vision_workshop, vision, photo((800, 600))).status_code == 200


def test_the_picture_slots_are_given_back_after_a_refused_picture(media_root):
    with pytest.raises(ServiceError):
        pictures.process_picture(upload(b"not a picture"))
    slots = pictures.picture_slots()
    taken = 0
    while slots.acquire(blocking=False):
        taken += 1
    for _ in range(taken):
        slots.release()
    assert taken == django_settings.PICTURE_WORKERS


def test_a_participant_may_send_only_so_many_pictures_in_a_while(
    settings, phone, vision_workshop, vision, amira, media_root
):
    settings.PICTURE_UPLOADS_PER_WINDOW = 2
    settings.PICTURE_UPLOAD_WINDOW_SECONDS = 24 * 60 * 60
    first = post_picture(phone, vision_workshop, vision, photo((400, 300)), client_id="pic-00001")
    assert first.status_code == 200
    assert post_picture(phone, vision_workshop, vision, photo((400, 300))).status_code == 200
    # Sending the first one again (the phone lost the answer) is no new upload.
    again = post_picture(phone, vision_workshop, vision, photo((400, 300)), client_id="pic-00001")
    assert again.status_code == 200

    response = post_picture(phone, vision_workshop, vision, photo((400, 300)))

    assert response.status_code == 400
    assert "You have sent many pictures in a short time" in text_of(response)
    assert Note.objects.count() == 2
    assert len(stored_files(media_root)) == 2
    # Someone else in the room still may.
    bruno = make_participant(vision_workshop, "Bruno")
    other = Client()
    other.cookies[django_settings.PARTICIPANT_COOKIE] = participant_cookie(bruno)
    assert post_picture(other, vision_workshop, vision, photo((400, 300))).status_code == 200


def test_no_such_room_and_not_in_the_room_get_the_same_answer(
    client, vision_workshop, vision, media_root
):
    stranger = post_picture(client, vision_workshop, vision, photo((400, 300)))
    nowhere = client.post(
        reverse("picture_upload", args=["ZZZZZZ"]),
        {"activity": vision.pk, "client_id": new_client_id(), "image": upload(photo((400, 300)))},
    )

    assert stranger.status_code == nowhere.status_code == 403
    assert stranger.content == nowhere.content
    assert NOT_IN_ROOM in text_of(nowhere)


def test_uploads_to_rooms_one_is_not_in_count_as_wrong_codes(
    client, settings, vision_workshop, vision, media_root
):
    settings.JOIN_FAILURE_WINDOW_SECONDS = 24 * 60 * 60
    for _ in range(settings.JOIN_FAILURES_PER_WINDOW):
        post_picture(client, vision_workshop, vision, b"x")

    response = client.post("/join/", {"code": "ZZZZZZ"})
    assert "Too many wrong room codes" in response.content.decode()


def test_an_empty_file_is_refused(phone, vision_workshop, vision, media_root):
    response = post_picture(phone, vision_workshop, vision, b"")

    assert response.status_code == 400
    assert "That file is empty" in response.content.decode()
    assert not Note.objects.exists()


def test_the_size_limit_comes_from_the_settings(settings):
    settings.PICTURE_MAX_BYTES = 1000

    with pytest.raises(ServiceError, match="larger than"):
        pictures.process_picture(upload(photo((800, 600))))


def test_a_board_without_pictures_refuses_them(client, workshop, participant, media_root):
    norms = workshop.activities.get(title="Our norms today")
    assert not norms.allow_pictures
    client.cookies[django_settings.PARTICIPANT_COOKIE] = participant_cookie(participant)

    response = post_picture(client, workshop, norms, photo((800, 600)))

    assert response.status_code == 400
    assert TEXT_ONLY in response.content.decode()
    assert not Note.objects.exists()
    assert stored_files(media_root) == []


def test_a_locked_board_refuses_pictures(phone, vision_workshop, vision, facilitator, media_root):
    services.lock_board(vision_workshop, facilitator, vision.pk)

    response = post_picture(phone, vision_workshop, vision, photo((800, 600)))

    assert response.status_code == 400
    assert PAUSED in response.content.decode()
    assert not Note.objects.exists()
    assert stored_files(media_root) == []


def test_a_stranger_without_the_cookie_is_refused(client, vision_workshop, vision, media_root):
    response = post_picture(client, vision_workshop, vision, photo((800, 600)))

    assert response.status_code == 403
    assert NOT_IN_ROOM in response.content.decode()
    assert not Note.objects.exists()
    assert stored_files(media_root) == []


def test_a_participant_of_another_room_is_refused(
    client, vision_workshop, vision, other_participant, media_root
):
    client.cookies[django_settings.PARTICIPANT_COOKIE] = participant_cookie(other_participant)

    response = post_picture(client, vision_workshop, vision, photo((800, 600)))

    assert response.status_code == 403
    assert NOT_IN_ROOM in response.content.decode()
    assert not Note.objects.exists()


def test_a_removed_participant_is_refused(phone, vision_workshop, vision, amira, facilitator):
    services.remove_participant(vision_workshop, facilitator, amira.pk)

    response = post_picture(phone, vision_workshop, vision, photo((800, 600)))

    assert response.status_code == 403
    assert not Note.objects.exists()


def test_a_closed_room_says_so(phone, vision_workshop, vision, facilitator):
    services.close_room(vision_workshop, facilitator)

    response = post_picture(phone, vision_workshop, vision, photo((800, 600)))

    assert response.status_code == 403
    assert "This room is closed" in response.content.decode()
    assert not Note.objects.exists()


def test_a_column_of_another_board_is_refused(phone, vision_workshop, vision, media_root):
    other_board = vision_workshop.activities.filter(kind="board").exclude(pk=vision.pk).first()

    response = post_picture(
        phone, vision_workshop, vision, photo((800, 600)), column=first_column(other_board).pk
    )

    assert response.status_code == 400
    assert "Pick one of the board's columns" in text_of(response)
    assert not Note.objects.exists()
    assert stored_files(media_root) == []


def test_a_caption_longer_than_the_board_allows_is_refused(phone, vision_workshop, vision):
    response = post_picture(
        phone,
        vision_workshop,
        vision,
        photo((800, 600)),
        caption="x" * (vision.max_note_length + 1),
    )

    assert response.status_code == 400
    assert f"Keep captions under {vision.max_note_length} characters" in response.content.decode()
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"client_id": "short"}, "Reload the page and try again."),
        ({"activity": "x"}, "Which board?"),
        ({"column": ""}, "Which column?"),
    ],
)
def test_malformed_fields_are_refused_with_a_clear_message(
    phone, vision_workshop, vision, fields, message
):
    response = post_picture(phone, vision_workshop, vision, photo((300, 200)), **fields)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Note.objects.exists()


def test_an_upload_without_a_picture_is_refused(phone, vision_workshop, vision):
    response = phone.post(
        reverse("picture_upload", args=[vision_workshop.room_code]),
        {"activity": vision.pk, "column": first_column(vision).pk, "client_id": new_client_id()},
    )

    assert response.status_code == 400
    assert "Choose a picture first." in response.content.decode()


def test_the_upload_url_takes_only_posts(phone, vision_workshop):
    response = phone.get(reverse("picture_upload", args=[vision_workshop.room_code]))

    assert response.status_code == 405


def test_the_upload_needs_the_csrf_token_the_room_page_carries(amira, vision_workshop, vision):
    phone = Client(enforce_csrf_checks=True)
    phone.cookies[django_settings.PARTICIPANT_COOKIE] = participant_cookie(amira)

    refused = post_picture(phone, vision_workshop, vision, photo((300, 200)))
    page = phone.get(reverse("room", args=[vision_workshop.room_code])).content.decode()
    token = re.search(r"\"X-CSRFToken\": \"([^\"]+)\"", page).group(1)
    accepted = phone.post(
        reverse("picture_upload", args=[vision_workshop.room_code]),
        {
            "activity": vision.pk,
            "column": first_column(vision).pk,
            "client_id": new_client_id(),
            "image": upload(photo((300, 200))),
        },
        headers={"X-CSRFToken": token},
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert Note.objects.count() == 1


# The same rules as text notes ----------------------------------------------------------------


def test_the_service_is_idempotent_on_the_client_id(vision_workshop, vision, amira, media_root):
    note, created = add_picture(vision_workshop, amira, vision, client_id="same-picture-01")
    again, created_again = add_picture(vision_workshop, amira, vision, client_id="same-picture-01")

    assert created is True and created_again is False
    assert again == note
    assert Note.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_someone_elses_client_id_is_not_theirs_to_reuse(vision_workshop, vision, amira):
    ben = make_participant(vision_workshop, "Ben")
    add_picture(vision_workshop, amira, vision, client_id="amiras-picture")

    with pytest.raises(ServiceError, match="could not be added"):
        add_picture(vision_workshop, ben, vision, client_id="amiras-picture")


def test_two_uploads_of_the_same_picture_at_once_keep_the_first_and_no_stray_file(
    vision_workshop, vision, amira, media_root, monkeypatch
):
    """The second upload finds the first stored while it was busy with the picture."""
    process = pictures.process_picture

    def process_while_the_first_arrives(image_file):
        content = process(image_file)
        monkeypatch.setattr(pictures, "process_picture", process)
        add_picture(vision_workshop, amira, vision, client_id="raced-picture-1")
        return content

    monkeypatch.setattr(pictures, "process_picture", process_while_the_first_arrives)
    note, created = add_picture(vision_workshop, amira, vision, client_id="raced-picture-1")

    assert created is False
    assert Note.objects.get() == note
    assert len(stored_files(media_root)) == 1
    assert (Path(media_root) / note.image.name).exists()


def test_the_notes_per_person_cap_counts_picture_notes(vision_workshop, vision, amira, media_root):
    vision.notes_per_person = 1
    vision.save()
    add_picture(vision_workshop, amira, vision)

    with pytest.raises(ServiceError, match="takes 1 notes per person"):
        add_picture(vision_workshop, amira, vision)

    assert Note.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_the_facilitator_adds_no_picture_notes(vision_workshop, vision):
    with pytest.raises(NotAllowed):
        add_picture(vision_workshop, None, vision)


def test_a_participant_cannot_add_a_picture_to_another_room(
    vision_workshop, vision, other_participant
):
    with pytest.raises(NotAllowed, match="not in this room"):
        add_picture(vision_workshop, other_participant, vision)


def test_a_picture_note_is_voted_on_grouped_and_hidden_like_any_note(
    vision_workshop, vision, amira, facilitator
):
    ben = make_participant(vision_workshop, "Ben")
    note, _ = add_picture(vision_workshop, amira, vision, caption="The new desk")

    assert services.vote(vision_workshop, participant=ben, note_id=note.pk).vote_count == 1
    grouped = services.group_note(vision_workshop, facilitator, note_id=note.pk, group="Service")
    assert grouped.cluster.name == "Service"
    services.hide_board(vision_workshop, facilitator, vision.pk)
    vision.refresh_from_db()
    with pytest.raises(ServiceError, match="Voting opens"):
        services.vote(vision_workshop, participant=ben, note_id=note.pk)
    assert board_live.board_context(vision)["columns"][0].loose_notes == []


# Setting boards up -------------------------------------------------------------------------


def test_the_demo_vision_board_takes_pictures_and_the_others_do_not(vision_workshop, vision):
    assert vision.allow_pictures
    others = vision_workshop.activities.filter(kind="board").exclude(pk=vision.pk)
    assert others.exists()
    assert not others.filter(allow_pictures=True).exists()


def test_the_facilitator_turns_pictures_on_in_the_board_settings(vision_workshop):
    assert "allow_pictures" in forms.BoardSettingsForm.Meta.fields


def test_the_phone_shows_the_picture_buttons_only_where_pictures_are_allowed(
    phone, vision_workshop, vision, facilitator
):
    url = reverse("room", args=[vision_workshop.room_code])
    services.goto_activity(vision_workshop, facilitator, vision.pk)
    on_vision = phone.get(url).content.decode()
    text_only = vision_workshop.activities.filter(kind="board").exclude(pk=vision.pk).first()
    services.goto_activity(vision_workshop, facilitator, text_only.pk)
    live.send(live.stage_update(vision_workshop, "http://testserver/"))  # as the socket does
    on_text_only = phone.get(url).content.decode()

    assert "js/pictures.js" in on_vision
    assert 'capture="environment"' in on_vision
    assert "Add a picture" in on_vision and "Take a photo" in on_vision
    assert "data-picture-status" in on_vision
    assert "data-picture-input" not in on_text_only


# Pictures go with their notes ----------------------------------------------------------------


@pytest.fixture
def stored_picture(settings, vision_workshop, vision, amira, media_root):
    """A picture note, its file on disk and served at its URL (with DEBUG off)."""
    settings.DEBUG = False
    note, _ = add_picture(vision_workshop, amira, vision)
    path = Path(note.image.path)
    assert path.is_file()
    assert Client().get(note.image.url).status_code == 200
    return note, path


def assert_gone(note: Note, path: Path) -> None:
    assert not path.exists()
    assert Client().get(note.image.url).status_code == 404


def test_deleting_a_workshop_deletes_its_pictures(
    stored_picture, vision_workshop, facilitator, django_capture_on_commit_callbacks
):
    note, path = stored_picture
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_workshop(vision_workshop, facilitator)

    assert_gone(note, path)


def test_removing_a_board_from_the_agenda_deletes_its_pictures(
    stored_picture, vision, facilitator, django_capture_on_commit_callbacks
):
    note, path = stored_picture
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_activity(vision, facilitator)

    assert_gone(note, path)


def test_deleting_a_picture_note_deletes_its_picture(
    stored_picture, vision_workshop, amira, django_capture_on_commit_callbacks
):
    note, path = stored_picture
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_note(vision_workshop, participant=amira, note_id=note.pk)

    assert_gone(note, path)


def test_the_reports_printed_copy_goes_with_the_picture(
    stored_picture, vision_workshop, facilitator, django_capture_on_commit_callbacks
):
    from culture_program import report

    note, path = stored_picture
    printed_url = report.printed_picture(note.image.url)
    printed = report.printed_copy(note.image.name)
    assert printed.is_file()
    assert Client().get(printed_url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_workshop(vision_workshop, facilitator)

    assert not printed.exists()
    assert Client().get(printed_url).status_code == 404


def test_a_deletion_that_is_rolled_back_keeps_the_picture(stored_picture, vision_workshop):
    from django.db import transaction

    note, path = stored_picture
    with pytest.raises(RuntimeError), transaction.atomic():
        Note.objects.filter(pk=note.pk).delete()
        raise RuntimeError("undo")

    assert path.is_file()
    assert Note.objects.filter(pk=note.pk).exists()
