"""The search box's suggestions (GET /api/v1/suggest) as API v1 answers them: groups with each item's page."""
from flask import url_for

_SUGGESTION_PAGES = {"village": "villages.detail", "craft": "villages.craft", "mark": "trademarks.detail",
                     "producer": "producers.public"}


def _suggestion_url(kind, slug):
    if kind == "product":
        return url_for("catalog.detail", listing_id=int(slug), _external=True)
    return url_for(_SUGGESTION_PAGES[kind], slug=slug, _external=True)


def answer(q, found, headings):
    """The search box's groups, in ``headings``' order, each item with its page."""
    return {"q": q, "groups": [
        {"kind": kind, "label": str(heading),
         "items": [{"label": item["label"], "url": _suggestion_url(kind, item["slug"])} for item in found[kind]]}
        for kind, heading in headings.items() if found.get(kind)]}
