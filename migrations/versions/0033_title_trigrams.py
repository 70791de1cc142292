"""title trigrams: near misses found by the titles' words, with their own trigram index

Revision ID: 0033_title_trigrams
Revises: 0032_rating_order

A query that finds nothing and that no respelling fixes ("blue glazzzz") looks for near misses by
trigram word similarity. Over each listing's whole ``search_text`` (about 550 characters: titles,
descriptions, producer, village, marks) that took 540 ms at 100,000 listings, and a query of two
short words ("gom sort") ran into its 1 s timeout and showed nothing; over ``search_title`` (the
titles' words, folded and marked, about 150 characters) with this index, 130 ms and 4 ms.
PostgreSQL only, as the other trigram index (0002).
"""
from alembic import op

from migrations.helpers import postgresql_only

revision = "0033_title_trigrams"
down_revision = "0032_rating_order"


@postgresql_only
def upgrade():
    op.execute("CREATE INDEX ix_listings_title_trgm ON listings USING gin (search_title gin_trgm_ops)")


@postgresql_only
def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_listings_title_trgm")
