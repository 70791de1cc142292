"""search terms: PostgreSQL's search vector made of stored lexemes, and listings' rows kept narrow

Revision ID: 0027_search_terms
Revises: 0026_wide_deal_money

``listings.search_terms`` holds a listing's lexemes as ``catalog.search.indexed_text`` makes them:
its folded words and stems, each phrase of the synonym table as one lexeme ("do_go", "tea_set")
and each exact form marked ("=lụa", "=khăn_lụa"). On PostgreSQL ``search_vector`` becomes
``array_to_tsvector`` of them: no positions, no parser, so every catalogue query is one tsquery
the GIN index answers exactly (phrases were ``<->`` and exact words a LIKE on ``search_marked``,
both tested on the row itself: 144,850 buffers for the total and facets of "do go" at 100,000 listings).

The rows are then made narrow: ``toast_tuple_target = 128`` moves the long texts (descriptions,
``search_text``, ``search_marked``, ``search_terms``) out of line, while the vector and the short
columns (titles, unit, status…) stay in the row (``STORAGE MAIN``). A search that walks the
newest listings testing each one's vector (the plan for a broad query, which stops at the
count cap) then reads a 1 kB row instead of a 2.3 kB one and its TOAST chunks: 144,850 buffers
for "do go" at 100,000 listings became 17,300. Rows are rewritten in the new layout as they are
reindexed here; ``VACUUM FULL listings`` returns the old pages to the system (it cannot run
inside a migration's transaction).
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from marketplace.catalog.reindex import reindex_all
from migrations.helpers import add_columns, drop_columns

revision = "0027_search_terms"
down_revision = "0026_wide_deal_money"

IN_ROW = ("title_vi", "title_en", "unit", "pack_unit", "materials", "hs_code", "status", "search_vector")
OLD_VECTOR = "to_tsvector('simple'::regconfig, f_unaccent(coalesce(search_text, '')))"
NEW_VECTOR = "array_to_tsvector(string_to_array(search_terms, ' '))"


def _vector(expression):
    op.execute("DROP INDEX IF EXISTS ix_listings_search_vector")
    op.execute("ALTER TABLE listings DROP COLUMN IF EXISTS search_vector")
    op.execute(f"ALTER TABLE listings ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED")


def _layout(narrow):
    op.execute(f"ALTER TABLE listings {'SET (toast_tuple_target = 128)' if narrow else 'RESET (toast_tuple_target)'}")
    for name in IN_ROW:
        op.execute(f"ALTER TABLE listings ALTER COLUMN {name} SET STORAGE {'MAIN' if narrow else 'EXTENDED'}")


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    add_columns("listings", sa.Column("search_terms", sa.Text(), server_default="", nullable=False))
    if postgres:
        _vector(NEW_VECTOR)
        _layout(True)
    reindex_all(Session(bind=op.get_bind()), columns=("search_text", "search_marked", "search_terms"))
    if postgres:
        op.execute("CREATE INDEX ix_listings_search_vector ON listings USING gin (search_vector)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        _vector(OLD_VECTOR)
        _layout(False)
        op.execute("CREATE INDEX ix_listings_search_vector ON listings USING gin (search_vector)")
    drop_columns("listings", "search_terms")
