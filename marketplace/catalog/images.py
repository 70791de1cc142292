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


def _read_checked(data):
    limit = current_app.config["MAX_IMAGE_BYTES"]
    if len(data) > limit:
        raise ImageRejected(_("Each image must be at most %(mb)s MB.", mb=limit // (1024 * 1024)), field="images")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # checks the content, whatever the file is called
        image = Image.open(io.BytesIO(data))
        if image.format not in ALLOWED_FORMATS:
            raise ImageRejected(_("Images must be JPEG, PNG or WebP."), field="images")
        if image.width * image.height > 40_000_000:
            raise ImageRejected(_("That image has too many pixels."), field="images")
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ImageRejected(_("That file is not an image we can read (JPEG, PNG or WebP)."), field="images") from None
    return ImageOps.exif_transpose(image).convert("RGB")


def store_image(data):
    """Check and store uploaded bytes; returns (path, thumb_path, width, height) relative to UPLOAD_FOLDER."""
    image = _read_checked(data)
    root = Path(current_app.config["UPLOAD_FOLDER"])
    name = uuid.uuid4().hex
    folder = root / "listings" / name[:2]
    folder.mkdir(parents=True, exist_ok=True)
    full = image.copy()
    full.thumbnail((FULL_SIZE, FULL_SIZE))
    full.save(folder / f"{name}.jpg", "JPEG", quality=85, optimize=True)
    thumb = ImageOps.fit(image, (THUMB_SIZE, THUMB_SIZE))
    thumb.save(folder / f"{name}_t.jpg", "JPEG", quality=80, optimize=True)
    rel = f"listings/{name[:2]}/{name}"
    return f"{rel}.jpg", f"{rel}_t.jpg", full.width, full.height


def delete_files(*paths):
    root = Path(current_app.config["UPLOAD_FOLDER"])
    for path in paths:
        (root / path).unlink(missing_ok=True)
