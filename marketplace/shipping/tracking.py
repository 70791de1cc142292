"""The carriers a producer ships with, and the buyer's tracking link built from the number
(``data/carriers.json``: each carrier's loose number pattern and public tracking page; nothing is fetched)."""
import json
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from marketplace.shipping.zones import DATA


@dataclass(frozen=True)
class Carrier:
    key: str
    name: str
    pattern: str
    example: str
    url: str

    def accepts(self, number):
        return re.fullmatch(self.pattern, number) is not None

    def link(self, number):
        return self.url.replace("{number}", quote(number, safe=""))


@cache
def carriers():
    """{key: Carrier}, in the data file's order."""
    rows = json.loads((DATA / "carriers.json").read_text(encoding="utf-8"))["carriers"]
    return {row["key"]: Carrier(**row) for row in rows}


def carrier(key_or_name):
    """The carrier of a key ("ghn") or name ("GHN", "viettel post"), or None."""
    wanted = " ".join((key_or_name or "").split()).lower()
    return carriers().get(wanted) or next((c for c in carriers().values() if c.name.lower() == wanted), None)


def clean_number(number):
    """A tracking number as carriers print it: no spaces, upper case."""
    return "".join((number or "").split()).upper()


def tracking_link(name, number):
    """The carrier's public tracking page for ``number``, or None for a carrier we do not know
    (parts shipped before the carrier list have a name typed by hand)."""
    known = carrier(name)
    return known.link(number) if known is not None and number else None
