"""Synthetic catalogue for the benchmark: crafts, villages, marks, producers, listings.

Everything is generated combinatorially from the small vocabularies in catalog_vocabulary.json with a seeded
``random.Random``, so two runs with the same sizes and seed produce the same catalogue.
Rows come out as tuples in the column order of ``COLUMNS`` and are written with COPY.

``listings.search_text``, ``search_marked``, ``search_terms`` and ``search_title``, the spelling
vocabulary (``search_words``) and the suggestions (``search_suggestions``) are computed with the
app's own ``marketplace.catalog.search`` and ``suggest`` functions on light stand-in objects (same attributes as the ORM objects they
normally receive), so they are exactly what the app would store. ``search_vector`` is GENERATED
by PostgreSQL and never written.
"""
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from marketplace.catalog import suggest
from marketplace.catalog.search import indexed_text, listing_texts, title_words
from marketplace.catalog.spelling import vocabulary_words
from marketplace.text import slugify

# The vocabularies the catalogue is combined from are data: catalog_vocabulary.json beside this file.
_VOCABULARY = json.loads((Path(__file__).with_name("catalog_vocabulary.json")).read_text(encoding="utf-8"))
CRAFTS, VILLAGES, TRADEMARKS, PRODUCTS = (_VOCABULARY[k] for k in ("crafts", "villages", "trademarks", "products"))
SIZES, EXTRA_VI, EXTRA_EN = (_VOCABULARY[k] for k in ("sizes", "extra_vi", "extra_en"))
FAMILY, MIDDLE, GIVEN, BRANDS = (_VOCABULARY[k] for k in ("family", "middle", "given", "brands"))
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

COLUMNS = {
    "crafts": ("id", "slug", "name_vi", "name_en"),
    # Columns staff fill in later (migration 0012) are given the models' empty defaults.
    "villages": ("id", "slug", "name", "district", "story_vi", "story_en", "commune", "photo_path", "photo_thumb_path",
                 "recognised"),
    "village_crafts": ("village_id", "craft_id"),
    "associations": ("id", "slug", "name", "name_en"),
    "trademarks": ("id", "slug", "name_vi", "name_en", "description_vi", "description_en", "registration_no", "association_id",
                   "image_path", "image_thumb_path", "rules_path", "rules_filename"),
    "trademark_villages": ("trademark_id", "village_id"),
    "producers": ("id", "slug", "name", "kind", "village_id", "story_vi", "story_en", "phone", "ocop_stars",
                  "ocop_expires_on", "export_ready", "monthly_capacity", "status", "approved_at", "created_at",
                  "ocop_certificate_number", "ocop_issuer", "certifications", "certification_other", "languages"),
    "memberships": ("id", "trademark_id", "producer_id", "status", "applied_at", "updated_at"),
    "listings": ("id", "producer_id", "craft_id", "title_vi", "title_en", "description_vi", "description_en",
                 "price_vnd", "stock", "unit", "materials", "lead_time_days", "moq", "hs_code", "status",
                 "search_text", "search_marked", "search_terms", "search_title", "created_at", "updated_at"),
    "product_rights": ("id", "trademark_id", "listing_id", "membership_id", "code", "status", "granted_at", "ended_at"),
    "listing_images": ("id", "listing_id", "position", "path", "thumb_path", "width", "height"),
    "variants": ("id", "listing_id", "name_vi", "name_en", "price_vnd", "stock"),
    "wholesale_tiers": ("id", "listing_id", "min_qty", "unit_price_vnd"),
    "search_words": ("word",),
    "search_suggestions": ("id", "kind", "ref_id", "key", "label_vi", "label_en", "slug"),
}


def _join(*words):
    return " ".join(w for w in words if w)


class Catalogue:
    """Generates the rows; reference tables are built eagerly, listings (and their children) lazily."""

    def __init__(self, listings, producers, seed=20240705, now=None):
        self.rng = random.Random(seed)
        self.n_listings = listings
        self.n_producers = producers
        self.now = now or datetime.now(UTC)
        self.today = self.now.date()
        self.rows = {name: [] for name in COLUMNS}
        self._codes = set()
        self._reference()
        self._producers()

    # --- reference data ----------------------------------------------------------------------
    def _reference(self):
        self.crafts = {}
        for i, (slug, vi, en) in enumerate(CRAFTS, 1):
            self.crafts[slug] = SimpleNamespace(id=i, slug=slug, name_vi=vi, name_en=en)
            self.rows["crafts"].append((i, slug, vi, en))
        self.villages = []
        for i, (name, slug, district, crafts, weight) in enumerate(VILLAGES, 1):
            village = SimpleNamespace(id=i, slug=slug, name=name, district=district, crafts=crafts, weight=weight, trademark=None)
            self.villages.append(village)
            self.rows["villages"].append((
                i, slug, name, district,
                f"Làng nghề {name} ({district}, Hà Nội) nổi tiếng với nghề {self.crafts[crafts[0]].name_vi.lower()}.",
                f"{name} village ({district}, Hanoi) is known for {self.crafts[crafts[0]].name_en.lower()}.",
                "", "", "", False,
            ))
            for craft in crafts:
                self.rows["village_crafts"].append((i, self.crafts[craft].id))
        by_slug = {v.slug: v for v in self.villages}
        self.trademarks = []
        for i, (slug, vi, en, village_slug, association) in enumerate(TRADEMARKS, 1):
            self.rows["associations"].append((i, slugify(association), association, ""))
            mark = SimpleNamespace(id=i, slug=slug, name_vi=vi, name_en=en)
            self.trademarks.append(mark)
            self.rows["trademarks"].append((
                i, slug, vi, en, f"Nhãn hiệu tập thể {vi}, do {association} quản lý.",
                f"Collective trademark {en}, managed by the {en} association.", f"4-{2015 + i:04d}-{30000 + i * 17:06d}", i,
                "", "", "", "",
            ))
            self.rows["trademark_villages"].append((i, by_slug[village_slug].id))
            by_slug[village_slug].trademark = mark

    def _producer_name(self, kind, village):
        rng = self.rng
        person = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        craft = self.crafts[village.crafts[0]]
        if kind == "household":
            return f"Cơ sở {person}"
        if kind == "cooperative":
            return f"HTX {craft.name_vi} {village.name} {rng.randint(1, 40)}"
        return f"Công ty TNHH {craft.name_vi} {rng.choice(BRANDS)}"

    def _producers(self):
        rng = self.rng
        self.producers = []
        weights = [v.weight for v in self.villages]
        membership_id = 0
        for i in range(1, self.n_producers + 1):
            village = rng.choices(self.villages, weights)[0]
            kind = rng.choices(("household", "cooperative", "enterprise"), (60, 20, 20))[0]
            name = self._producer_name(kind, village)
            ocop = expires = None
            if rng.random() < 0.25:
                ocop = rng.choices((3, 4, 5), (50, 35, 15))[0]
                roll = rng.random()
                expires = None if roll < 0.2 else self.today + timedelta(days=rng.randint(-400, -1) if roll > 0.85 else rng.randint(30, 1000))
            created = self.now - timedelta(days=rng.randint(760, 1500))
            producer = SimpleNamespace(id=i, slug=f"{slugify(name)}-{i}", name=name, village=village, membership=None,
                                       weight=rng.lognormvariate(0, 0.9))
            self.producers.append(producer)
            self.rows["producers"].append((
                i, f"{slugify(name)}-{i}", name, kind, village.id,
                f"{name} làm nghề tại làng {village.name} qua nhiều thế hệ.", f"{name} has worked in {village.name} for generations.",
                f"09{rng.randint(10_000_000, 99_999_999)}", ocop, expires, rng.random() < 0.3,
                rng.choice((200, 500, 1000, 3000, 10000)), "approved", created + timedelta(days=2), created,
                f"OCOP-HN-{i:05d}" if ocop else "", "Sở Nông nghiệp Hà Nội" if ocop else "",
                "", "", "vi,en" if rng.random() < 0.4 else "vi",
            ))
            if village.trademark is not None and rng.random() < 0.75:
                membership_id += 1
                status = rng.choices(("active", "suspended", "pending"), (80, 10, 10))[0]
                producer.membership = SimpleNamespace(id=membership_id, status=status, trademark=village.trademark)
                self.rows["memberships"].append((membership_id, village.trademark.id, i, status, created, created + timedelta(days=30)))

    def _code(self):
        while True:
            code = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(10))
            if code not in self._codes:
                self._codes.add(code)
                return code

    # --- listings ----------------------------------------------------------------------------
    def listings(self):
        """Yield listing rows; fills rows for rights, images, variants and tiers on the way."""
        rng = self.rng
        weights = [p.weight for p in self.producers]
        # Cumulative weights once, not on every choice.
        cum, total = [], 0.0
        for w in weights:
            total += w
            cum.append(total)
        right_id = image_id = variant_id = tier_id = 0
        words, suggested = set(), set()
        for i in range(1, self.n_listings + 1):
            producer = rng.choices(self.producers, cum_weights=cum)[0]
            village = producer.village
            craft = self.crafts[rng.choice(village.crafts)]
            vocab = PRODUCTS[craft.slug]
            noun_vi, noun_en = rng.choice(vocab["nouns"])
            mod_vi, mod_en = rng.choice(vocab["mods"])
            size_vi, size_en = rng.choice(SIZES)
            word_vi, word_en = vocab["word"]
            title_vi = _join(noun_vi, word_vi, mod_vi, size_vi, village.name)
            title_en = _join(size_en, mod_en, word_en, noun_en).capitalize() + f", {village.name}"
            extra = rng.randrange(len(EXTRA_VI))
            description_vi = (f"{title_vi}. Sản phẩm thủ công của {producer.name}, làng nghề {village.name}, "
                              f"{village.district}, Hà Nội. {EXTRA_VI[extra]}")
            description_en = (f"{title_en}. Handmade by {producer.name} in {village.name} craft village, "
                              f"{village.district}, Hanoi. {EXTRA_EN[extra]}")
            materials = rng.choice(vocab["materials"])
            lo, hi = vocab["price"]
            price = int(rng.uniform(lo, hi)) * 1000
            created = self.now - timedelta(seconds=rng.randint(0, 730 * 86400))
            rights = []
            membership = producer.membership
            if membership is not None and membership.status != "pending" and rng.random() < 0.7:
                right_id += 1
                status = "active" if rng.random() < 0.92 else "withdrawn"
                granted = created + timedelta(days=rng.randint(1, 20))
                self.rows["product_rights"].append((
                    right_id, membership.trademark.id, i, membership.id, self._code(), status, granted,
                    granted + timedelta(days=60) if status == "withdrawn" else None,
                ))
                rights.append(SimpleNamespace(
                    is_valid=status == "active" and membership.status == "active", trademark=membership.trademark,
                ))
            for position in range(rng.choice((0, 1, 1, 2, 2, 3))):
                image_id += 1
                name = f"bench/{i:07d}-{position}"
                self.rows["listing_images"].append((image_id, i, position, f"{name}.jpg", f"{name}-thumb.jpg", 1200, 900))
            stock = rng.choice((0, 5, 20, 50, 100, 500))
            if rng.random() < 0.2:
                stock = 0
                for k, (vi, en) in enumerate(rng.sample([("Nhỏ", "Small"), ("Vừa", "Medium"), ("Lớn", "Large"),
                                                          ("Xanh", "Blue"), ("Đỏ", "Red")], rng.randint(2, 3))):
                    variant_id += 1
                    v_stock = rng.choice((0, 10, 30))
                    stock += v_stock
                    self.rows["variants"].append((variant_id, i, vi, en, price + k * 1000 * rng.randint(0, 50), v_stock))
            moq = rng.choice((1, 1, 1, 5, 10))
            if rng.random() < 0.3:
                for step, discount in ((max(moq, 1) * 10, 0.9), (max(moq, 1) * 50, 0.8)):
                    tier_id += 1
                    self.rows["wholesale_tiers"].append((tier_id, i, step, max(1000, int(price * discount) // 1000 * 1000)))
            stand_in = SimpleNamespace(
                id=i, title_vi=title_vi, title_en=title_en, description_vi=description_vi, description_en=description_en,
                materials=materials, producer=producer, craft=craft, rights=rights,
            )
            marks = [right.trademark for right in rights if right.is_valid]
            indexed = indexed_text(listing_texts(stand_in, marks))
            words.update(indexed.words)
            for entry in suggest.listing_entries(stand_in, marks):
                identity = (entry["kind"], entry["ref_id"], entry["key"])
                if entry["kind"] == "product" or identity not in suggested:
                    suggested.add(identity)
                    self.rows["search_suggestions"].append((
                        len(self.rows["search_suggestions"]) + 1, entry["kind"], entry["ref_id"], entry["key"],
                        entry["label_vi"], entry["label_en"], entry["slug"]))
            yield (
                i, producer.id, craft.id, title_vi, title_en, description_vi, description_en, price, stock,
                vocab["unit"], materials, rng.choice((0, 3, 7, 14, 30)), moq, vocab["hs"], "active",
                indexed.text, indexed.marked, indexed.terms, title_words(title_vi, title_en), created, created,
            )
        self.rows["search_words"] = [(w,) for w in vocabulary_words(words)]
