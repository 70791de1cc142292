"""Where a ``next`` argument may send the browser: only to a path on this site.

Browsers and URL parsers forgive a lot (``/\\t/evil.example`` loses its tab and becomes
``//evil.example``, ``/\\evil`` becomes ``//evil``), so the target is checked in the form
the browser will act on, not in the form it arrived in.
"""
import unicodedata
from urllib.parse import unquote, urlsplit

from werkzeug.urls import iri_to_uri


def _has_forbidden_characters(text):
    """Control characters (tab, CR, LF, NUL, bidi marks…) and backslashes, which browsers rewrite."""
    return "\\" in text or any(unicodedata.category(char)[0] in "CZ" and char != " " for char in text)


def safe_next(target):
    """``target`` as a same-site path to redirect to (``/orders/3?x=1``), or None.

    Refused: anything with a scheme (``https:``, ``javascript:``) or a host (``//evil``),
    control characters or backslashes (which browsers strip or turn into ``/``), and paths
    that decode to one of those (``/%2F%2Fevil``). The answer is ASCII, ready for a
    ``Location`` header.
    """
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return None
    if _has_forbidden_characters(target):
        return None
    location = iri_to_uri(target)
    parts = urlsplit(location)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or location.startswith("//"):
        return None
    path = unquote(parts.path)
    if path.startswith("//") or _has_forbidden_characters(path):
        return None
    return location
