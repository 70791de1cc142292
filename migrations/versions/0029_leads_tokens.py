"""leads tokens: matching ranks producers from an index of their words, and reads titles' words stored

Revision ID: 0029_leads_tokens
Revises: 0028_member_prices

Two costs of a matching run's first (benchmarks/leads_bench.py: 100 ms at 10,000 producers):

- PostgreSQL: ``producer_search`` (0005) kept one stripped tsvector per producer; a run tested all
  10,000 of them against the request's OR query and ranked the half that matched with ``ts_rank``
  (40 ms). On a stripped vector ``ts_rank`` only counts the producer's words that match a term of
  the query, so ``producer_lexemes`` keeps those words as rows, one per (word, producer), ordered
  bytewise ("C"): each term of a request is a range of the primary key, and the producers with the
  most rows in those ranges are the ones ``ts_rank`` put first (``leads.candidates``). The same
  triggers keep it: ``lnm_producer_search_for`` now rebuilds a producer's rows, not its vector.
- Both databases: ``listings.search_title`` holds the titles' folded and marked words
  (``catalog.search.title_words``), written with the other search columns and kept in the row, so
  that judging 300 listings folds no title (10 ms). Existing listings are filled here (with the
  producers' words, about 80 s per 100,000 listings).
"""
import importlib

import sqlalchemy as sa
from alembic import op

from marketplace.catalog.search import title_words  # the app's own: the rows are what a refresh writes
from migrations.helpers import add_columns, drop_columns, postgresql_only

revision = "0029_leads_tokens"
down_revision = "0028_member_prices"

# The words of a producer's active listings, exactly as its producer_search vector held them.
_WORDS_OF = """SELECT producer_id, tsvector_to_array(to_tsvector('simple'::regconfig,
            f_unaccent(string_agg(search_text, ' ')))) AS lexemes
        FROM listings WHERE producer_id = ANY(ids) AND status = 'active' GROUP BY producer_id"""

_UPGRADE = [
    ('CREATE TABLE producer_lexemes (lexeme text COLLATE "C" NOT NULL, '
     "producer_id integer NOT NULL REFERENCES producers (id) ON DELETE CASCADE, "
     "CONSTRAINT pk_producer_lexemes PRIMARY KEY (lexeme, producer_id))"),
    "CREATE INDEX ix_producer_lexemes_producer_id ON producer_lexemes (producer_id)",
    f"""CREATE OR REPLACE FUNCTION lnm_producer_search_for(ids integer[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM producer_lexemes WHERE producer_id = ANY(ids);
        INSERT INTO producer_lexemes (lexeme, producer_id)
        SELECT lexeme, producer_id FROM ({_WORDS_OF}) AS words, unnest(words.lexemes) AS lexeme;
    $$""",
    "SELECT lnm_producer_search_for(ARRAY(SELECT id FROM producers))",
    "ANALYZE producer_lexemes",
    "DROP TABLE producer_search",
]

BATCH = 2000


def upgrade():
    _index_producer_words()
    add_columns("listings", sa.Column("search_title", sa.Text(), nullable=True))
    _title_in_row()
    _fill_titles()


def downgrade():
    drop_columns("listings", "search_title")
    _index_producer_vectors()


@postgresql_only
def _index_producer_words():
    for statement in _UPGRADE:
        op.execute(statement)


@postgresql_only
def _index_producer_vectors():
    """Back to 0005's ``producer_search``, its functions and triggers, exactly as 0005 makes them."""
    leads = importlib.import_module("migrations.versions.0005_leads")
    leads._drop_producer_search()
    op.execute("DROP TABLE producer_lexemes")
    leads._create_producer_search()


@postgresql_only
def _title_in_row():
    """Kept in the row with the titles (0027 moves long texts out): a run reads 300 of them."""
    op.execute("ALTER TABLE listings ALTER COLUMN search_title SET STORAGE MAIN")


def _fill_titles():
    listings = sa.table("listings", sa.column("id"), sa.column("title_vi"), sa.column("title_en"),
                        sa.column("search_title"))
    change = listings.update().where(listings.c.id == sa.bindparam("listing_id")).values(
        search_title=sa.bindparam("title"))
    bind, last = op.get_bind(), 0
    while True:
        rows = bind.execute(sa.select(listings.c.id, listings.c.title_vi, listings.c.title_en)
                            .where(listings.c.id > last).order_by(listings.c.id).limit(BATCH)).all()
        if not rows:
            return
        bind.execute(change, [{"listing_id": row.id, "title": title_words(row.title_vi, row.title_en)} for row in rows])
        last = rows[-1].id
