"""Selling units and packs, converted as data (``units.json``): pure functions, no database.

A listing is sold by its ``unit``; a set, pack or box holds ``pack_size`` of ``pack_unit`` (a set
of 6 pieces, a 5 kg sack sold as a pack). ``ratio`` says how many of another unit one selling
unit is: a 5 kg sack is 5 kg or 5,000 g, a set of 6 bowls is 6 pieces, a pair 2 pieces, a metre
100 cm; pieces and kilograms never convert (None).
"""
import json
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("units.json")


@lru_cache(maxsize=1)
def _table():
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return {unit: (dimension, size) for unit, (dimension, size) in data["measures"].items()}, frozenset(data["packs"])


def measures():
    """The units with a size (piece, pair, g, kg, cm, metre, m2): what a pack may hold."""
    return tuple(_table()[0])


def is_pack(unit):
    return unit in _table()[1]


def content(unit, pack_size=1, pack_unit=None):
    """(dimension, size) of one selling unit, or (unit, 1) for a pack whose content is not stated."""
    table, packs = _table()
    if unit in packs:
        if pack_unit in table:
            dimension, size = table[pack_unit]
            return dimension, size * (pack_size or 1)
        return unit, 1
    dimension, size = table.get(unit, (unit, 1))
    return dimension, size * (pack_size or 1)


def ratio(unit, pack_size, pack_unit, wanted):
    """How many ``wanted`` units one selling unit is (a Fraction), or None when they cannot convert."""
    if unit == wanted:  # sets asked, sold by the set (of whatever size it is)
        return Fraction(1)
    have, want = content(unit, pack_size, pack_unit), content(wanted)
    if have[0] != want[0]:
        return None
    return Fraction(have[1], want[1])
