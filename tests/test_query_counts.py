"""Catalogue, search and product pages run a fixed number of SQL queries, whatever the page size."""
import pytest

from marketplace.catalog.models import ListingImage
from tests.factories import (
    CraftFactory,
    ListingFactory,
    MembershipFactory,
    ProducerFactory,
    ProductRightFactory,
    VillageFactory,
)


@pytest.fixture
def big_catalogue(db):
    """40 listings of 8 producers in 4 villages, each with two images, half carrying a mark."""
    crafts = [CraftFactory(slug=f"craft-{i}") for i in range(3)]
    villages = [VillageFactory(name=f"Làng Gốm {i}") for i in range(4)]
    producers = [ProducerFactory(village=villages[i % 4], ocop_stars=3 + i % 3) for i in range(8)]
    memberships = [MembershipFactory(producer=p) for p in producers[:4]]
    listings = []
    for n in range(40):
        producer = producers[n % 8]
        if n % 8 < 4:
            listing = ProductRightFactory(membership=memberships[n % 8], listing__title_vi=f"Bình gốm số {n}",
                                          listing__craft=crafts[n % 3]).listing
        else:
            listing = ListingFactory(producer=producer, craft=crafts[n % 3], title_vi=f"Bình gốm số {n}")
        for position in range(2):
            db.session.add(ListingImage(listing=listing, position=position, path=f"x/{n}-{position}.jpg",
                                        thumb_path=f"x/{n}-{position}_t.jpg"))
        listings.append(listing)
    db.session.commit()
    return listings


def _count(client, count_queries, db, url):
    db.session.expire_all()
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return len(queries)


@pytest.mark.parametrize("path", ["/products?", "/products?q=binh+gom&", "/api/v1/products?", "/api/v1/products?q=binh&"])
def test_catalogue_and_search_query_count_does_not_grow_with_page_size(big_catalogue, client, count_queries, db, path):
    """Does a page of 40 cards run exactly as many queries as a page of 4?"""
    small = _count(client, count_queries, db, f"{path}per_page=4")
    large = _count(client, count_queries, db, f"{path}per_page=40")
    assert small == large
    assert large <= 14


def test_product_page_runs_a_fixed_number_of_queries(big_catalogue, client, count_queries, db):
    """Does a product page with a mark, images, variants and tiers stay within a small fixed budget?"""
    counts = {_count(client, count_queries, db, f"/products/{listing.id}") for listing in big_catalogue[:8]}
    assert len(counts) == 1 and counts.pop() <= 12
