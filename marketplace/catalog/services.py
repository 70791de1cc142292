"""The catalogue's public interface: listings a producer manages, and the public catalogue with
search and facets. Views, the API and other domains call them through this module.
"""
from marketplace.catalog.browse import (  # noqa: F401
    FUZZY_CAP,
    SearchPage,
    SearchParams,
    SearchTimedOut,
    card_options,
    featured,
    newest,
    public_listing,
    search_listings,
    suggestions,
)
from marketplace.catalog.listings import (  # noqa: F401
    ListingError,
    add_images,
    create_listing,
    delete_image,
    get_own_listing,
    listings_of,
    moderate,
    refresh_search_for_listings,
    refresh_search_for_producer,
    set_status,
    update_listing,
)
from marketplace.catalog.reindex import reindex_all
from marketplace.catalog.suggest import KINDS as SUGGESTION_KINDS  # noqa: F401
from marketplace.core.transaction import transactional
from marketplace.extensions import db


@transactional
def reindex_search():
    """Rebuild the search columns of every listing, the vocabulary and the suggestions; how many listings."""
    return reindex_all(db.session)

