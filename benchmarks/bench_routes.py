"""JSON stand-ins for the catalogue pages, used when their templates are missing (see bench_wsgi.py)."""
from flask import jsonify, request

from marketplace.catalog import services


def card(listing):
    cover = listing.cover
    return {
        "id": listing.id,
        "title_vi": listing.title_vi,
        "title_en": listing.title_en,
        "price_vnd": listing.price_vnd,
        "producer": listing.producer.name,
        "village": listing.producer.village.name,
        "craft": listing.craft.name_vi,
        "thumb": cover.thumb_path if cover else None,
        "marks": [r.trademark.name_vi for r in listing.valid_rights],
    }


def add_bench_routes(app):
    @app.get("/_bench/products")
    def bench_products():
        try:
            params = services.SearchParams.from_args(request.args)
        except services.ListingError as exc:
            return jsonify(error=exc.message), 400
        page = services.search_listings(params)
        return jsonify(total=page.total, pages=page.pages, fuzzy=page.fuzzy,
                       items=[card(listing) for listing in page.items], facets=page.facets)

    @app.get("/_bench/products/<int:listing_id>")
    def bench_product(listing_id):
        listing = services.public_listing(listing_id)
        data = card(listing)
        data.update(
            description_vi=listing.description_vi,
            images=[i.path for i in listing.images],
            variants=[{"name_vi": v.name_vi, "price_vnd": v.price_vnd, "stock": v.stock} for v in listing.variants],
            tiers=[{"min_qty": t.min_qty, "unit_price_vnd": t.unit_price_vnd} for t in listing.tiers],
            rights=[{"code": r.code, "status": r.effective_status} for r in listing.rights],
        )
        return jsonify(data)

    return app

