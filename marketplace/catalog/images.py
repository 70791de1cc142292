"""Listing images: content-checked by Pillow, size-limited, resized, stored outside the code tree."""
import io
import uuid
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace.core.errors import InvalidInput

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
FULL_SIZE = 1600
THUMB_SIZE = 480


class ImageRejected(InvalidInput):
    """Raised when an upload is not a real JPEG/PNG/WebP image or is too large."""


def _refuse_unreadable():
    return ImageRejected(_("That file is not an image we can read (JPEG, PNG or WebP)."), field="images")


def _opened(data):
    """The image with only its header read, after the checks that need no pixels (size, format, pixel count)."""
    limit = current_app.config["MAX_IMAGE_BYTES"]
    if len(data) > limit:
        raise ImageRejected(_("Each image must be at most %(mb)s MB.", mb=limit // (1024 * 1024)), field="images")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # checks the content, whatever the file is called
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise _refuse_unreadable() from None
    if image.format not in ALLOWED_FORMATS:
        raise ImageRejected(_("Images must be JPEG, PNG or WebP."), field="images")
    cap = current_app.config["MAX_IMAGE_PIXELS"]
    if image.width * image.height > cap:
        raise ImageRejected(_("That image is %(w)s × %(h)s pixels; the largest we take is %(mp)s megapixels "
                              "(for example 6000 × 4000). Make it smaller and upload it again.",
                              w=image.width, h=image.height, mp=cap // 1_000_000), field="images")
    return image


def _decoded(data):
    """The checked image decoded no larger than needed, in RGB, upright.

    Memory is what decoding costs (4 bytes a pixel in RGB), so a JPEG is decoded straight at
    1/2, 1/4 or 1/8 scale (``draft``) while still covering FULL_SIZE; other formats decode in
    full and ``reduce`` by a whole factor before any copy in another mode is made.
    """
    image = _opened(data)
    try:
        image.draft("RGB", (FULL_SIZE, FULL_SIZE))
        image.load()
        factor = min(image.width // FULL_SIZE, image.height // FULL_SIZE)
        if factor >= 2:
            smaller = image.reduce(factor)
            image.close()
            image = smaller
        ImageOps.exif_transpose(image, in_place=True)
        if image.mode != "RGB":
            rgb = image.convert("RGB")
            image.close()
            image = rgb
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        image.close()
        raise _refuse_unreadable() from None
    return image


def check_request_pixels(uploads):
    """Refuse a request whose images together exceed MAX_REQUEST_PIXELS, before any is decoded.

    Only headers are read here; unreadable files are left to ``store_image`` to refuse.
    """
    total = 0
    for data in uploads:
        try:
            with Image.open(io.BytesIO(data)) as header:
                total += header.width * header.height
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
            continue
    cap = current_app.config["MAX_REQUEST_PIXELS"]
    if total > cap:
        raise ImageRejected(_("These images have %(mp)s megapixels together; upload at most %(cap)s megapixels at a time.",
                              mp=total // 1_000_000, cap=cap // 1_000_000), field="images")


def store_image(data, kind="listings"):
    """Check and store uploaded bytes; returns (path, thumb_path, width, height) relative to UPLOAD_FOLDER.

    ``kind`` is the folder under UPLOAD_FOLDER ("listings", "villages", "marks"). One image is
    decoded at a time and released before the caller passes the next.
    """
    image = _decoded(data)
    root = Path(current_app.config["UPLOAD_FOLDER"])
    name = uuid.uuid4().hex
    folder = root / kind / name[:2]
    folder.mkdir(parents=True, exist_ok=True)
    with image:
        thumb = ImageOps.fit(image, (THUMB_SIZE, THUMB_SIZE))
        thumb.save(folder / f"{name}_t.jpg", "JPEG", quality=80, optimize=True)
        image.thumbnail((FULL_SIZE, FULL_SIZE))  # in place: no second full-size copy
        image.save(folder / f"{name}.jpg", "JPEG", quality=85, optimize=True)
        width, height = image.size
    rel = f"{kind}/{name[:2]}/{name}"
    return f"{rel}.jpg", f"{rel}_t.jpg", width, height


def delete_files(*paths):
    root = Path(current_app.config["UPLOAD_FOLDER"])
    for path in paths:
        (root / path).unlink(missing_ok=True)


def store_images(uploads, kind, field="photos"):
    """Check and store several uploads (a return's or a message's photos); all or none are kept.

    Returns (path, thumb_path, width, height) per upload; a refused one is InvalidInput on ``field``.
    """
    if not uploads:
        return []
    stored = []
    try:
        check_request_pixels(uploads)
        for data in uploads:  # one at a time: each decoded image is freed before the next
            stored.append(store_image(data, kind=kind))
    except InvalidInput as exc:
        delete_files(*(p for s in stored for p in s[:2]))
        raise InvalidInput(exc.message, field=field) from exc
    return stored
