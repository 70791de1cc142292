"""What Alembic's autogenerate should leave alone."""

# Search columns and indexes that only PostgreSQL has (migration 0002) live outside the
# models on purpose; autogenerate must not propose dropping them.
POSTGRES_ONLY = {
    "search_vector", "ix_listings_search_vector",
    "ix_listings_public_created", "ix_listings_price", "ix_listings_status_cover", "ix_listings_public_rating",
    "producer_lexemes", "ix_producer_lexemes_producer_id",  # migration 0029: matching's per-producer words
}


def include_object(obj, name, type_, reflected, compare_to):
    return name not in POSTGRES_ONLY
