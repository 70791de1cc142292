"""Which zone an address is in, seen from a producer's village: the provinces and Hà Nội's wards
are data (``data/provinces.json``, ``data/hanoi.json``), compared folded (no diacritics, no
"phường"/"xã"/"quận"/"huyện" prefix, any case)."""
import json
import re
from functools import cache
from pathlib import Path

from marketplace.shipping.models import Zone
from marketplace.text import fold

DATA = Path(__file__).resolve().parent / "data"
HANOI = "Hà Nội"
_PREFIX = re.compile(r"^(thi xa|thi tran|phuong|xa|quan|huyen|p|x|q|h)\s+")


def _load(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def _regions():
    return {p["name"]: p["region"] for p in _load("provinces.json")["provinces"]}


def province_names():
    """The 34 province-level units, in the data file's order (the six cities first)."""
    return tuple(_regions())


def region_of(province):
    return _regions().get(province)


def place_key(name):
    """A place name folded for comparison: "Phường Hoàn Kiếm" and "hoan kiem" are the same."""
    return _PREFIX.sub("", fold(name or "")).strip()


@cache
def _inner_wards():
    return frozenset(place_key(w) for wards in _load("hanoi.json")["inner_wards"].values() for w in wards)


def zone_for(village, province, district):
    """The zone of an address (``province``, ``district``: the ward or commune the buyer gave) for a
    parcel from ``village``: its own commune or former district, other inner Hà Nội wards, then by
    the province's region (Hà Nội's outer communes are charged as the northern provinces)."""
    if province == HANOI:
        place = place_key(district)
        own = {place_key(village.commune), place_key(village.district)} - {""} if village is not None else set()
        if place and place in own:
            return Zone.SAME_DISTRICT
        if place in _inner_wards():
            return Zone.INNER_HANOI
        return Zone.NORTH
    return region_of(province) or Zone.NORTH
