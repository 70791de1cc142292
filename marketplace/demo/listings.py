"""Plan each demo producer's listings from the vocabularies in ``products.py``.

Planning is pure and deterministic: the same producer always gets the same titles, prices,
variants and pictures (its random generator is seeded with its slug), which is what lets the
loader find what an earlier run created by (producer, Vietnamese title).
"""
import random
from dataclasses import dataclass, field

from marketplace.demo.products import CATALOGUES, GROUNDS, KNIT_SIZES, ORDERING, THREADS

# Share of listings left as drafts and archived (the rest are on sale).
DRAFT_SHARE, ARCHIVED_SHARE = 0.05, 0.04


@dataclass
class PlannedListing:
    title_vi: str
    title_en: str
    description_vi: str
    description_en: str
    price_vnd: int
    stock: int
    unit: str
    materials: str
    lead_time_days: int
    moq: int
    hs_code: str
    status: str
    age_days: int  # how long ago it was listed
    art: dict  # drawing hints for art.render
    images: int  # pictures to draw
    variants: list = field(default_factory=list)  # (name_vi, name_en, price_vnd, stock)
    tiers: list = field(default_factory=list)  # (min_qty, unit_price_vnd)


def round_price(value):
    """Round to a price a shop would write: thousands, fives of thousands, tens of thousands…"""
    step = 1_000 if value < 100_000 else 5_000 if value < 1_000_000 else 10_000 if value < 5_000_000 else 50_000
    return max(1_000, int(round(value / step)) * step)


def _stock(rng, price):
    if price < 100_000:
        return rng.randint(80, 800)
    if price < 500_000:
        return rng.randint(20, 300)
    if price < 2_000_000:
        return rng.randint(5, 80)
    return rng.randint(1, 15)


def _moq(rng, price, catalogue):
    if price < 20_000:
        return 50
    if price < 100_000:
        return rng.choice((5, 10, 20)) if catalogue != "confectionery" else rng.choice((1, 5, 10))
    if price < 500_000:
        return rng.choice((1, 1, 2, 5))
    return 1


def _tiers(rng, price, moq):
    """One or two wholesale steps below the unit price, starting at or above the MOQ."""
    if price >= 5_000_000 or rng.random() > 0.65:
        return []
    first = max(moq * 2, 10 if price < 1_000_000 else 3)
    tiers = [(first, round_price(price * rng.uniform(0.86, 0.93)))]
    if rng.random() < 0.5:
        tiers.append((first * 5, round_price(price * rng.uniform(0.74, 0.82))))
    return [(qty, unit) for qty, unit in tiers if unit < price]


def _variants(rng, kind, palette, price, stock):
    """Colour or size choices with their own price and stock (silk and knitwear): (variants, colours)."""
    share = lambda n: max(1, stock // n + rng.randint(0, max(1, stock // (2 * n))))  # noqa: E731
    if kind == "knit" and rng.random() < 0.5:
        return [(vi, en, price + extra, share(4)) for vi, en, extra in KNIT_SIZES], []
    if kind == "sizes":
        return [(vi, en, round_price(price * factor), share(len(palette))) for vi, en, factor in palette], []
    colours = rng.sample(palette, rng.randint(2, 4))
    variants = []
    for i, (vi, en, _hex) in enumerate(colours):
        variant_price = price if i == 0 or rng.random() < 0.6 else round_price(price * 1.08)
        variants.append((f"Màu {vi}", en[:1].upper() + en[1:], variant_price, share(len(colours))))
    return variants, [hex_ for _, _, hex_ in colours]


def _title(parts, village):
    kind, style, motif, size = parts
    vi = " ".join(p for p in (kind.vi, style.vi if style else "", motif.vi if motif else "", size.vi if size else "") if p)
    en = f"{style.en} {kind.en}" if style else kind.en
    en = en[:1].upper() + en[1:] + (motif.en if motif else "") + (size.en if size else "")
    return vi.replace("{village}", village.name), en.replace("{village}", village.name)


def _combinations(rng, catalogue):
    """Endless random (type, style, motif, size) picks, cycling through the types for variety."""
    kinds = list(catalogue["types"])
    while True:
        rng.shuffle(kinds)
        for kind in kinds:
            style = rng.choice(catalogue["styles"]) if catalogue["styles"] else None
            motifs = kind.motifs if isinstance(kind.motifs, tuple) else catalogue["motifs"] if kind.motifs else ()
            motif = rng.choice(motifs) if motifs else None
            if style is not None and style.motif is not None and kind.motifs:
                motif = style.motif
            size = rng.choice(kind.sizes) if kind.sizes else None
            yield kind, style, motif, size


def _describe(rng, catalogue, title, producer, village, moq, lead, unit):
    picked = sorted(rng.sample(range(len(catalogue["made"])), min(len(catalogue["made"]), rng.randint(1, 2))))
    made = [catalogue["made"][i] for i in picked]
    ordering = rng.choice(ORDERING)
    fill = {"village": village.name, "moq": moq, "lead": lead, "unit_vi": _UNITS_VI.get(unit, unit), "unit_en": _plural(unit, moq)}
    vi = [f"{title[0]} do {producer.name} làm tại {village.name} ({village.district})."]
    en = [f"{title[1]}, made by {producer.name} in {village.name} ({village.district})."]
    for sentence_vi, sentence_en in made + [ordering]:
        vi.append(sentence_vi.format(**fill))
        en.append(sentence_en.format(**fill))
    return " ".join(vi), " ".join(en)


_UNITS_VI = {"piece": "chiếc", "set": "bộ", "pair": "đôi", "metre": "mét", "pack": "gói", "box": "hộp"}


def _plural(unit, count):
    if count == 1:
        return unit
    return {"piece": "pieces", "set": "sets", "pair": "pairs", "metre": "metres", "pack": "packs", "box": "boxes"}.get(unit, unit)


def _status(rng):
    roll = rng.random()
    return "draft" if roll < DRAFT_SHARE else "archived" if roll < DRAFT_SHARE + ARCHIVED_SHARE else "active"


def _art(rng, craft, parts, colours):
    kind, style, motif, _size = parts
    art = {"craft": craft}
    for part in (kind, style, motif):
        if part is not None:
            art.update(part.art)
    if colours and "colours" not in art:
        art["colours"] = colours
    elif craft == "embroidery":
        art["colours"], art["ground"] = list(rng.choice(THREADS)), rng.choice(GROUNDS)
    return art


def _plan_one(rng, producer, village, catalogue_key, parts):
    catalogue = CATALOGUES[catalogue_key]
    kind, style, _motif, size = parts
    title = _title(parts, village)
    price = round_price(kind.price * (style.factor if style else 1) * (size.factor if size else 1) * rng.uniform(0.88, 1.15))
    stock = _stock(rng, price) if catalogue_key != "lotus-silk" else rng.randint(2, 12)
    moq = _moq(rng, price, catalogue_key)
    lead = rng.randint(*catalogue["lead"])
    variants, colours = [], []
    if "variants" in catalogue:
        variants, colours = _variants(rng, catalogue["variants"][0], catalogue["variants"][1], price, stock)
        stock = sum(v[3] for v in variants)
    description = _describe(rng, catalogue, title, producer, village, moq, lead, kind.unit)
    materials = (style.materials if style and style.materials else catalogue["materials"])
    return PlannedListing(
        title_vi=title[0], title_en=title[1], description_vi=description[0], description_en=description[1],
        price_vnd=price, stock=stock, unit=kind.unit, materials=materials, lead_time_days=lead, moq=moq,
        hs_code=kind.hs, status=_status(rng), age_days=rng.randint(2, 420),
        art=_art(rng, producer.craft, parts, colours), images=rng.choices((1, 2, 3), weights=(35, 45, 20))[0],
        variants=variants, tiers=_tiers(rng, price, moq),
    )


def plan_listings(producer, village, taken):
    """The listings of one producer (a ``content.Producer``) in its ``content.Village``.

    ``taken`` holds the titles already planned for earlier producers; new titles are added to
    it, so every demo title is distinct. Call in the same producer order for the same result.
    """
    rng = random.Random(f"listings/{producer.slug}")
    key = producer.catalogue or producer.craft
    combos = _combinations(rng, CATALOGUES[key])
    planned = []
    for _ in range(producer.listings * 50):
        if len(planned) == producer.listings:
            break
        parts = next(combos)
        title_vi, _ = _title(parts, village)
        if title_vi in taken:
            continue
        taken.add(title_vi)
        planned.append(_plan_one(rng, producer, village, key, parts))
    return planned
