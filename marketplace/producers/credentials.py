"""What a producer states for export correspondence: certifications it holds and languages it writes in.

Both are data (``credentials.json``): certifications by code with their Vietnamese and English
names, languages as ISO 639-1 codes named by Babel in the reader's language. Pure functions, no
database. A producer keeps its codes comma-separated (``"iso-9001,bsci"``, ``"vi,en"``), as an
importer's profile keeps its languages.
"""
import json
from functools import cache
from pathlib import Path

from babel import Locale

_DATA = Path(__file__).with_name("credentials.json")


@cache
def _data():
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return {row["code"]: row for row in data["certifications"]}, tuple(data["languages"])


def certification_codes():
    return tuple(_data()[0])


def language_codes():
    return _data()[1]


def certification_name(code, locale):
    row = _data()[0].get(code)
    return (row["name_en"] if locale == "en" else row["name_vi"]) if row else code


def language_name(code, locale):
    return Locale.parse(locale if locale in ("vi", "en") else "vi").languages.get(code, code)


def certification_choices(locale):
    """(code, name) of every certification, named in ``locale``: for a form's checkboxes or a filter."""
    return [(code, certification_name(code, locale)) for code in certification_codes()]


def language_choices(locale):
    return [(code, language_name(code, locale)) for code in language_codes()]
