"""facet tags: a listing's craft, village, OCOP stars and marks as lexemes of its search terms

Revision ID: 0030_facet_tags
Revises: 0029_leads_tokens

``listings.search_terms`` gains "@craft:<slug>", "@village:<slug>", "@ocop:<stars>" and
"@mark:<slug>" for each mark the listing validly carries (``catalog.search.facet_tags``). A
search narrowed by facets asks the text index for them with its words, so that PostgreSQL's GIN
index intersects them: "binh" in ceramics with 4 stars at 1,000,000 listings was a ``BitmapAnd``
of the craft and text indexes that went lossy in ``work_mem`` and rechecked 241,137 rows (512 ms
of SQL). The facet filters still apply, so the tags only need to hold every listing that passes
them. Existing listings are reindexed here (6 minutes for 100,000 listings on the benchmark machine, busy at the time), the text index
dropped meanwhile and made again after.
"""
from alembic import op
from sqlalchemy.orm import Session

from marketplace.catalog.reindex import reindex_all

revision = "0030_facet_tags"
down_revision = "0029_leads_tokens"

INDEX = "CREATE INDEX ix_listings_search_vector ON listings USING gin (search_vector)"


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP INDEX IF EXISTS ix_listings_search_vector")
    reindex_all(Session(bind=op.get_bind()), columns=("search_terms",))
    if postgres:
        op.execute(INDEX)


def downgrade():
    # SQLite never reads search_terms; on PostgreSQL the tags are taken out of the lexemes again.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_listings_search_vector")
        op.execute(r"UPDATE listings SET search_terms = btrim(regexp_replace(search_terms, '(^| )@\S+', '', 'g'))"
                   " WHERE search_terms LIKE '%@%'")
        op.execute(INDEX)
