"""Picture notes: what a phone uploads becomes a small, clean JPEG, or a clear refusal.

An upload is untrusted bytes from a phone. It is read only up to the size limit, opened with
Pillow restricted to the formats phones send, checked for structure (``verify``) and decoded in
full (``load``), turned upright, converted to sRGB, shrunk and saved again as a fresh JPEG
that carries no metadata at all: no EXIF (so no GPS position or camera serial), no XMP, no
comment, no colour profile.
"""

from __future__ import annotations

import threading
import warnings
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext, gettext_noop
from PIL import Image, ImageCms, ImageOps

from .services.errors import ServiceError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# What phones save: 12 or 24 megapixels (a 48- or 50-megapixel sensor saves binned pictures by
# default; an iPhone's 24 MP is 5712 x 4284). Checking a picture costs about 4 bytes of memory
# and a few nanoseconds of CPU per pixel: 25 MP is about 100 MB and 0.3 s at worst.
MAX_PIXELS = 25_000_000
MAX_SIDE = 1600
JPEG_QUALITY = 85
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")

# Refusals in English (tests compare them); translated where raised.
UNREADABLE = gettext_noop("That file is not a picture we can read. Try a JPEG or PNG photo.")
EMPTY = gettext_noop("That file is empty. Take the photo again, or choose another picture.")
TOO_MANY_PIXELS = gettext_noop(
    "That picture has too many pixels for the board. Take a screenshot of it, or choose a "
    "smaller picture."
)
BUSY = gettext_noop("Many pictures are arriving right now. Wait a moment, then send yours again.")
HEIC = gettext_noop(
    "iPhone HEIC pictures cannot be read here. Use a JPEG or PNG: on the iPhone, choose "
    "Settings > Camera > Formats > Most Compatible, or take a screenshot of the picture."
)

# The brands of the ISO media files that HEIC/HEIF (and AVIF) pictures are stored in.
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def max_bytes() -> int:
    return getattr(settings, "PICTURE_MAX_BYTES", DEFAULT_MAX_BYTES)


def too_large_message() -> str:
    megabytes = max_bytes() / (1024 * 1024)
    return gettext(
        "That picture is larger than %(megabytes)s MB. Choose a smaller one, or take the "
        "photo again at a lower resolution."
    ) % {"megabytes": f"{megabytes:g}"}


_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def picture_slots() -> threading.BoundedSemaphore:
    """The process's turns at checking a picture (``PICTURE_WORKERS``, made on first use)."""
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(max(1, settings.PICTURE_WORKERS))
        return _slots


def process_picture(uploaded_file) -> ContentFile:
    """The upload as a clean JPEG of at most ``MAX_SIDE`` pixels a side, or a ServiceError.

    ``uploaded_file`` is a Django ``UploadedFile`` or any binary file object. The content has no
    name: the caller chooses one (random, so pictures on hidden boards cannot be guessed).
    Only ``PICTURE_WORKERS`` pictures are checked at once in a process; an upload that gets no
    turn within ``PICTURE_WAIT_SECONDS`` is answered "busy", so a handful of uploads cannot
    take all of the laptop's memory and CPU.
    """
    slots = picture_slots()
    if not slots.acquire(timeout=settings.PICTURE_WAIT_SECONDS):
        raise ServiceError(gettext(BUSY))
    try:
        return _process(uploaded_file)
    finally:
        slots.release()


def _process(uploaded_file) -> ContentFile:
    data = _read_limited(uploaded_file)
    if _is_heif(data):
        raise ServiceError(gettext(HEIC))
    try:
        picture = _decode(data)
        return ContentFile(_clean_jpeg(picture))
    except ServiceError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ServiceError(gettext(TOO_MANY_PIXELS)) from None
    except MemoryError:
        raise ServiceError(gettext(TOO_MANY_PIXELS)) from None
    except Exception:
        # Pillow's decoders answer malformed files with many kinds of errors (OSError,
        # SyntaxError, ValueError, struct.error…): every one of them means "not readable".
        raise ServiceError(gettext(UNREADABLE)) from None


def _read_limited(uploaded_file) -> bytes:
    """The file's bytes, refusing before reading when its size is known to be over the limit."""
    limit = max_bytes()
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise ServiceError(too_large_message())
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise ServiceError(too_large_message())
    if not data:
        raise ServiceError(gettext(EMPTY))
    return data


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def _open(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
    # Checked from the header, before a single pixel is decoded.
    width, height = image.size
    if width < 1 or height < 1:
        image.close()
        raise ServiceError(gettext(UNREADABLE))
    if width * height > MAX_PIXELS:
        image.close()
        raise ServiceError(gettext(TOO_MANY_PIXELS))
    return image


def _decode(data: bytes) -> Image.Image:
    """Open, verify and fully decode the picture; it comes back upright and in sRGB."""
    with warnings.catch_warnings():
        # Pillow only warns about large pictures below twice its own limit: refuse those too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with _open(data) as probe:
            probe.verify()
        # verify() leaves the image unusable: decode it from a fresh handle.
        with _open(data) as image:
            # JPEG can decode at 1/2, 1/4 or 1/8 scale directly: less memory and time.
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
            image.load()
            return _to_srgb(_upright(image))


def _upright(image: Image.Image) -> Image.Image:
    """Turned as the camera held it; a broken EXIF block does not spoil a readable picture."""
    try:
        return ImageOps.exif_transpose(image)
    except Exception:
        return image.copy()


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB pixels meant as sRGB: transparency goes on white, an embedded profile is applied."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        image_rgb = background
    else:
        image_rgb = image.convert("RGB") if image.mode != "RGB" else image
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA"):
        try:
            source = ImageCms.ImageCmsProfile(BytesIO(icc))
            converted = ImageCms.profileToProfile(
                image_rgb, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
            if converted is not None:
                image_rgb = converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: keep the pixels as they are, as a browser would
    return image_rgb


def _clean_jpeg(image: Image.Image) -> bytes:
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image from the raw pixels: nothing of the upload's metadata (EXIF, XMP, comments,
    # profiles) can ride along, whatever Pillow copies from ``info`` on save.
    clean = Image.frombytes("RGB", image.size, image.tobytes())
    out = BytesIO()
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()
