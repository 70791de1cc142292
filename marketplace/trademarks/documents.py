"""A mark's rules of use, uploaded as a PDF: type-checked by content, size-limited, stored outside the code."""
import uuid
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.utils import secure_filename

from marketplace.core.errors import InvalidInput

FOLDER = "documents"


class DocumentRejected(InvalidInput):
    """Raised when an upload is not a PDF or is larger than MAX_DOCUMENT_BYTES."""


def store_pdf(data, filename, field="rules"):
    """Check and store a PDF's bytes; returns (path relative to UPLOAD_FOLDER, the name to download it as)."""
    limit = current_app.config["MAX_DOCUMENT_BYTES"]
    if len(data) > limit:
        raise DocumentRejected(_("The document must be at most %(mb)s MB.", mb=limit // (1024 * 1024)), field=field)
    # A PDF starts with its header and ends with %%EOF (possibly followed by a line end or padding).
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise DocumentRejected(_("The rules of use must be a PDF file."), field=field)
    name = uuid.uuid4().hex
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / FOLDER / name[:2]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(data)
    stem = secure_filename(Path(filename or "").stem)[:150] or "rules-of-use"
    return f"{FOLDER}/{name[:2]}/{name}.pdf", f"{stem}.pdf"
