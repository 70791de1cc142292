"""The catalogue's public interface: listings a producer manages, and the public catalogue with
search and facets. Views, the API and other domains call them through this module.
"""
from marketplace.catalog.browse import (  # noqa: F401
    FUZZY_CAP,
    SearchPage,
    SearchParams,
    SearchTimedOut,
    featured,
    newest,
    public_listing,
    search_listings,
)
from marketplace.catalog.listings import (  # noqa: F401
    ListingError,
    add_images,
    create_listing,
    delete_image,
    get_own_listing,
    listings_of,
    refresh_search_for_listings,
    refresh_search_for_producer,
    set_status,
    update_listing,
)
from marketplace.core import caching


def cached_search(params):
    """``search_listings`` for a cached answer: a page whose near-miss search timed out is not kept."""
    page = search_listings(params)
    if page.suggestions_timed_out:
        caching.uncacheable()
    return page
