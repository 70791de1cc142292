"""Model objects to the values of API v1's answers; ``api.schemas`` declares their shapes (each answer is
dumped through its schema, and the OpenAPI document is generated from the same schemas).

Serialisers only read what the service already loaded: a product card touches the
producer, village, craft, images and rights that ``catalog.services.card_options``
eager-loads, so a page costs the same number of queries whatever its size.
"""
from datetime import date

from flask import current_app, url_for

from marketplace.catalog.models import ListingStatus
from marketplace.leads.reasons import describe
from marketplace.producers.models import ProducerStatus
from marketplace.tradeoffices.services import referral_summary


def today():
    """The day OCOP ratings and marks are judged on; the same ``date.today()`` the catalogue filters with."""
    return date.today()


def _both(obj, field):
    """A translated field as ``{"vi": ..., "en": ...}``; ``en`` is "" when not translated."""
    return {"vi": getattr(obj, f"{field}_vi") or "", "en": getattr(obj, f"{field}_en") or ""}


def _products_url(**filters):
    return url_for("api.products", _external=True, **filters)


def craft(craft):
    return {"slug": craft.slug, "name": _both(craft, "name")}


def village_ref(village):
    return {"slug": village.slug, "name": village.name}


def producer_ref(producer, day):
    return {
        "slug": producer.slug,
        "name": producer.name,
        "kind": producer.kind,
        # An expired OCOP certificate counts as no rating, as in the catalogue's ocop filter.
        "ocop_stars": producer.ocop_stars if producer.ocop_valid_on(day) else None,
        # Only an approved producer has a public page (a verification can name a pending one).
        "url": url_for("producers.public", slug=producer.slug, _external=True) if producer.is_public else None,
    }


def member(producer, day):
    return {**producer_ref(producer, day), "village": village_ref(producer.village)}


def mark(right):
    trademark = right.trademark
    return {
        "slug": trademark.slug,
        "name": _both(trademark, "name"),
        "code": right.code,
        "verify_url": url_for("trademarks.verify", code=right.code, _external=True),
    }


def image(img):
    if img is None:
        return None
    return {
        "url": url_for("core.media", path=img.path, _external=True),
        "thumb_url": url_for("core.media", path=img.thumb_path, _external=True),
    }


def product(listing, day):
    """A product card: what the list endpoint returns for each item."""
    return {
        "id": listing.id,
        "url": url_for("catalog.detail", listing_id=listing.id, _external=True),
        "title": _both(listing, "title"),
        "price_vnd": listing.price_vnd,
        "currency": "VND",
        # The listing's column, which holds the sum of its variants' stock (see catalog _apply):
        # reading ``total_stock`` here would lazy-load every card's variants.
        "stock": listing.stock,
        "moq": listing.moq,
        "unit": listing.unit,
        "craft": craft(listing.craft),
        "producer": producer_ref(listing.producer, day),
        "village": village_ref(listing.producer.village),
        "marks": [mark(right) for right in sorted(listing.valid_rights, key=lambda r: r.trademark.slug)],
        "image": image(listing.cover),
        "rating": {"average": round(listing.rating, 1) if listing.rating_count else None, "count": listing.rating_count},
    }


def product_detail(listing, day):
    return {
        **product(listing, day),
        "stock": listing.total_stock,
        "description": _both(listing, "description"),
        "materials": listing.materials,
        "lead_time_days": listing.lead_time_days,
        "pack_size": listing.pack_size,
        "pack_unit": listing.pack_unit,
        "hs_code": listing.hs_code,
        "variants": [
            {"id": v.id, "name": _both(v, "name"), "price_vnd": v.price_vnd, "stock": v.stock} for v in listing.variants
        ],
        "wholesale_tiers": [{"min_qty": t.min_qty, "unit_price_vnd": t.unit_price_vnd} for t in listing.tiers],
        "images": [image(img) for img in listing.images],
    }


def _facets(facets):
    return {
        "craft": [{"slug": f["slug"], "name": {"vi": f["name_vi"], "en": f["name_en"]}, "count": f["count"]}
                  for f in facets.get("craft", [])],
        "village": [{"slug": f["slug"], "name": f["name"], "district": f["district"], "count": f["count"]}
                    for f in facets.get("village", [])],
        "trademark": [{"slug": f["slug"], "name": {"vi": f["name_vi"], "en": f["name_en"]}, "count": f["count"]}
                      for f in facets.get("trademark", [])],
        "ocop": [{"stars": f["stars"], "count": f["count"]} for f in facets.get("ocop", [])],
    }


def product_page(page, day):
    return {
        "items": [product(listing, day) for listing in page.items],
        "total": page.total, "total_exact": page.total_exact,
        "page": page.page,
        "per_page": page.per_page,
        "pages": page.pages,
        "facets": _facets(page.facets),
        "facets_exact": page.facets_exact,
        "near_matches": page.fuzzy, "most_words": page.most_words,
        "did_you_mean": page.did_you_mean,
    }


def village(village, producer_count):
    return {
        "slug": village.slug,
        "name": village.name,
        "district": village.district,
        "crafts": [craft(c) for c in village.crafts],
        "producer_count": producer_count,
        "url": url_for("villages.detail", slug=village.slug, _external=True),
        "products_url": _products_url(village=village.slug),
    }


def village_detail(village_obj, producers, day):
    return {
        **village(village_obj, len(producers)),
        "story": _both(village_obj, "story"),
        "producers": [producer_ref(p, day) for p in producers],
    }


def trademark(trademark):
    return {
        "slug": trademark.slug,
        "name": _both(trademark, "name"),
        "registration_no": trademark.registration_no,
        "villages": [village_ref(v) for v in trademark.villages],
        "url": url_for("trademarks.detail", slug=trademark.slug, _external=True),
        "products_url": _products_url(trademark=trademark.slug),
    }


def trademark_detail(trademark_obj, members, day):
    association = trademark_obj.association
    return {
        **trademark(trademark_obj),
        "description": _both(trademark_obj, "description"),
        "association": {"slug": association.slug, "name": association.name},
        "members": [member(p, day) for p in members],
    }


def verification(result, day):
    """What a verification code proves today; the parts are null when the code is unknown."""
    payload = {
        "code": result.code,
        "found": result.found,
        "status": result.status,
        "valid": result.valid,
        "checked_on": day.isoformat(),
        "product": None,
        "producer": None,
        "village": None,
        "trademark": None,
    }
    right = result.right
    if right is None:
        return payload
    listing, producer, mark_ = right.listing, right.listing.producer, right.trademark
    public = listing.status == ListingStatus.ACTIVE and producer.status == ProducerStatus.APPROVED
    payload.update(
        product={
            "id": listing.id,
            "title": _both(listing, "title"),
            # Only a public product has a page to link to.
            "url": url_for("catalog.detail", listing_id=listing.id, _external=True) if public else None,
        },
        producer=producer_ref(producer, day),
        village=village_ref(producer.village),
        trademark={
            "slug": mark_.slug,
            "name": _both(mark_, "name"),
            "registration_no": mark_.registration_no,
            "association": {"slug": mark_.association.slug, "name": mark_.association.name},
            "url": url_for("trademarks.detail", slug=mark_.slug, _external=True),
        },
    )
    return payload


def order_line(line):
    return {
        "listing_id": line.listing_id,
        "title": _both(line, "title"),
        "variant": _both(line, "variant_name") if line.variant_name_vi else None,
        "unit": line.unit,
        "quantity": line.quantity,
        "unit_price_vnd": line.unit_price_vnd,
        "total_vnd": line.total_vnd,
    }


def order_part(part):
    return {
        "id": part.id,
        "reference": part.reference,
        "producer": {"slug": part.producer.slug, "name": part.producer.name},
        "status": part.status,
        "goods_vnd": part.goods_vnd,
        "shipping_vnd": part.shipping_vnd,
        "total_vnd": part.gross_vnd,
        "carrier": part.carrier or None,
        "tracking_number": part.tracking_number or None,
        "lines": [order_line(line) for line in part.lines],
    }


def order(order_obj):
    return {
        "id": order_obj.id,
        "reference": order_obj.reference,
        "status": order_obj.status,
        "payment_method": order_obj.payment_method,
        "total_vnd": order_obj.total_vnd,
        "created_at": order_obj.created_at.isoformat(),
        "paid_at": order_obj.paid_at.isoformat() if order_obj.paid_at else None,
        "parts": [order_part(part) for part in order_obj.parts],
        "url": url_for("orders.order_page", order_id=order_obj.id, _external=True),
    }


def _page(page, item):
    """One page of a paginated list (orders, inquiries, leads), each row through ``item``."""
    return {"items": [item(row) for row in page.items], "total": page.total, "page": page.page,
            "per_page": page.per_page, "pages": max(page.pages, 1)}


def order_page(page):
    return _page(page, order)

# --- export leads ----------------------------------------------------------------------------


def usd(vnd):
    """An indicative USD figure for a VND amount, at the configured rate (never stored)."""
    return None if vnd is None else round(vnd / current_app.config["USD_VND_RATE"], 2)


def reason(item):
    return {**item, "text": describe(item)}


def _inquiry_url(inquiry):
    return url_for("leads.inquiry", inquiry_id=inquiry.id, _external=True)


def inquiry(obj):
    return {
        "id": obj.id,
        "url": _inquiry_url(obj),
        "status": obj.status,
        "matching_status": obj.matching_status,
        "description": obj.description,
        "craft": obj.craft.slug if obj.craft else None,
        "reference_listing_ids": [listing.id for listing in obj.references],
        "quantity": obj.quantity,
        "unit": obj.unit,
        "target_price_vnd": obj.target_price_vnd,
        "target_price_usd": usd(obj.target_price_vnd),
        "destination_country": obj.destination_country,
        "incoterm": obj.incoterm,
        "required_by": obj.required_by.isoformat(),
        "ocop_stars": obj.required_ocop_stars,
        "trademark": obj.required_trademark.slug if obj.required_trademark else None,
        "created_at": obj.created_at.isoformat(), "matched_at": obj.matched_at.isoformat() if obj.matched_at else None,
        "referred_by": referral_summary(obj.importer_id),
    }


def inquiry_page(page):
    return _page(page, inquiry)


def quote(obj):
    return {
        "id": obj.id,
        "lead_id": obj.match_id,
        "consortium_id": obj.consortium_id,
        "supplier": obj.supplier_name,
        "unit_price_vnd": obj.unit_price_vnd,
        "unit_price_usd": usd(obj.unit_price_vnd),
        "quantity": obj.quantity,
        "total_vnd": obj.total_vnd,
        "lines": [{"producer": line.producer.name, "quantity": line.quantity, "unit_price_vnd": line.unit_price_vnd,
                   "unit_price_usd": usd(line.unit_price_vnd), "total_vnd": line.total_vnd} for line in obj.lines],
        "lead_time_days": obj.lead_time_days,
        "valid_until": obj.valid_until.isoformat(),
        "message": obj.message,
        "status": obj.status,
        "created_at": obj.created_at.isoformat(),
    }


def match(obj, day):
    return {
        "lead_id": obj.id,
        "rank": obj.rank,
        "score": obj.score,
        "producer": member(obj.producer, day),
        "listing_id": obj.listing_id,
        "covers": obj.covers,
        "capacity_by_date": obj.capacity_by_date,
        "unit_price_vnd": obj.unit_price_vnd,
        "reasons": [reason(item) for item in obj.reasons],
        "allocation": obj.allocation,
        "response": obj.response,
    }


def consortium(obj):
    if obj is None or not obj.active:
        return None
    return {
        "id": obj.id,
        "trademark": obj.trademark.slug if obj.trademark else None,
        "association": obj.association.name if obj.association else None,
        "village": village_ref(obj.village),
        "capacity": obj.capacity,
        "members": [{"lead_id": m.id, "producer": m.producer.name, "allocation": m.allocation} for m in obj.members],
        "response": obj.response,
    }


def inquiry_detail(obj, day):
    return {
        **inquiry(obj),
        "no_match_reasons": [reason(item) for item in obj.no_match_reasons or []],
        "matches": [match(m, day) for m in obj.matches if m.active],
        "consortium": consortium(obj.consortium),
        "quotes": [quote(q) for q in obj.quotes],
    }


def lead(obj, day):
    request = obj.inquiry
    return {
        "id": obj.id,
        "producer": producer_ref(obj.producer, day),
        "inquiry": {
            "id": request.id,
            "status": request.status,
            "description": request.description,
            "craft": request.craft.slug if request.craft else None,
            "quantity": request.quantity,
            "unit": request.unit,
            "target_price_vnd": request.target_price_vnd,
            "destination_country": request.destination_country,
            "incoterm": request.incoterm, "required_by": request.required_by.isoformat(),
            "referred_by": referral_summary(request.importer_id),
        },
        "rank": obj.rank,
        "score": obj.score,
        "reasons": [reason(item) for item in obj.reasons],
        "allocation": obj.allocation,
        "response": obj.response,
        "quote": quote(obj.quote) if obj.quote else None,
    }


def lead_page(page, day):
    return _page(page, lambda row: lead(row, day))
