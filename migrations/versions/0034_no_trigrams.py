"""no trigrams: near misses come from the catalogue's vocabulary and the text index

Revision ID: 0034_no_trigrams
Revises: 0033_title_trigrams

A query that finds nothing, even respelt, now looks for near misses by the words the catalogue
knows (``catalog.spelling.neighbours`` and ``splits``, then the text index), on SQLite and
PostgreSQL alike. Nothing reads the two trigram indexes any more (``search_text``'s of 0002 and
``search_title``'s of 0033); every write of a listing kept them up to date, so they go. The
``pg_trgm`` extension stays: dropping it would gain nothing and an operator may use it.
"""
from alembic import op

from migrations.helpers import postgresql_only

revision = "0034_no_trigrams"
down_revision = "0033_title_trigrams"


@postgresql_only
def upgrade():
    op.execute("DROP INDEX IF EXISTS ix_listings_title_trgm")
    op.execute("DROP INDEX IF EXISTS ix_listings_search_trgm")


@postgresql_only
def downgrade():
    op.execute("CREATE INDEX ix_listings_search_trgm ON listings USING gin (search_text gin_trgm_ops)")
    op.execute("CREATE INDEX ix_listings_title_trgm ON listings USING gin (search_title gin_trgm_ops)")
