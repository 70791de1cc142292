"""search: PostgreSQL full-text and trigram indexes over the folded search text

Revision ID: 0002
Revises: 0001

SQLite searches ``listings.search_text`` with LIKE and needs nothing here. PostgreSQL gets
unaccent and pg_trgm, an IMMUTABLE wrapper around unaccent (unaccent itself is only STABLE,
so it cannot be indexed directly), a generated tsvector column with a GIN index, and a
trigram GIN index for near-miss queries.
"""
from alembic import op

from migrations.helpers import postgresql_only

revision = "0002"
down_revision = "0001"


@postgresql_only
def upgrade():
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$"
    )
    op.execute(
        "ALTER TABLE listings ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, f_unaccent(coalesce(search_text, '')))) STORED"
    )
    op.execute("CREATE INDEX ix_listings_search_vector ON listings USING gin (search_vector)")
    op.execute("CREATE INDEX ix_listings_search_trgm ON listings USING gin (search_text gin_trgm_ops)")
    op.execute("CREATE INDEX ix_listings_public_created ON listings (status, created_at DESC, id DESC)")
    op.execute("CREATE INDEX ix_listings_price ON listings (price_vnd)")


@postgresql_only
def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_listings_price")
    op.execute("DROP INDEX IF EXISTS ix_listings_public_created")
    op.execute("DROP INDEX IF EXISTS ix_listings_search_trgm")
    op.execute("DROP INDEX IF EXISTS ix_listings_search_vector")
    op.execute("ALTER TABLE listings DROP COLUMN IF EXISTS search_vector")
    op.execute("DROP FUNCTION IF EXISTS f_unaccent(text)")
