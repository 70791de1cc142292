"""API v1's reviews of a product, as values for ``api.schemas.ReviewPage`` (a product's rating, average
and count, is in ``serializers.product``)."""
from marketplace.api.serializers import image


def _author(review):
    """The reviewer's given name (Vietnamese names end with it), or "" for a deleted account."""
    name = (review.author.name or "").split() if review.author is not None else []
    return name[-1] if name else ""


def review(obj):
    return {
        "id": obj.id,
        "rating": obj.rating,
        "text": obj.text,
        "language": obj.language,
        "author": _author(obj),
        "created_at": obj.created_at.isoformat(),
        "photos": [image(photo) for photo in obj.photos],
        "answer": {"text": obj.answer, "language": obj.answer_language or "vi",
                   "answered_at": obj.answered_at.isoformat()} if obj.answer else None,
    }


def review_page(page):
    return {"items": [review(row) for row in page.items], "total": page.total, "page": page.page,
            "per_page": page.per_page, "pages": max(page.pages, 1)}
