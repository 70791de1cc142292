"""leads: importer profiles, API tokens, inquiries, matches, consortia, quotes, lead messages

Lead messages belong to one thread: a lead's (``match_id``) or a consortium's (``consortium_id``).

Revision ID: 0005
Revises: 0004

Issue 4 (export leads). Written against 0003; re-chained onto 0004 (orders) at merge.

PostgreSQL also gets ``producer_search``: one tsvector per producer over the folded search
text of its active listings, kept current by triggers on ``listings``. Matching ranks
10,000 producers there instead of 100,000 wide listing rows (benchmarks/leads_bench.py).
It lives outside the models on purpose (see ``marketplace.core.schema``).
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import (
    column,
    create_tables,
    drop_tables,
    flag,
    integer,
    moment,
    postgresql_only,
    reference,
    string,
    table,
    text,
)

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'

TABLES = (
    table('api_tokens',
          reference('user_id', 'users', ondelete='CASCADE', index=True),
          string('name', 100),
          string('token_hash', 64, unique=True),
          string('prefix', 12),
          moment('created_at'),
          moment('last_used_at'),
          moment('revoked_at')),
    table('importer_profiles',
          reference('user_id', 'users', ondelete='CASCADE', unique=True),
          string('company', 200),
          string('country', 2),
          string('languages', 100),
          string('website', 300),
          moment('updated_at')),
    table('inquiries',
          reference('importer_id', 'users', index=True),
          reference('craft_id', 'crafts', nullable=True),
          text('description'),
          integer('quantity'),
          string('unit', 32),
          integer('target_price_vnd', nullable=True),
          string('destination_country', 2),
          string('incoterm', 3),
          column('required_by', sa.Date()),
          integer('required_ocop_stars', nullable=True),
          reference('required_trademark_id', 'trademarks', nullable=True),
          string('status', 16, index=True),
          string('matching_status', 16, index=True),
          moment('matching_requested_at'),
          moment('matched_at'),
          column('no_match_reasons', sa.JSON()),
          moment('created_at', index=True),
          moment('closed_at'),
          checks={'quantity_positive': 'quantity >= 1',
                  'target_price_not_negative': 'target_price_vnd IS NULL OR target_price_vnd >= 0'}),
    table('consortia',
          reference('inquiry_id', 'inquiries', ondelete='CASCADE', unique=True),
          reference('trademark_id', 'trademarks', nullable=True),
          reference('association_id', 'associations', nullable=True, index=True),
          reference('village_id', 'villages', nullable=True),
          integer('capacity'),
          flag('active'),
          string('response', 16),
          moment('notified_at'),
          moment('created_at')),
    table('inquiry_references',
          reference('inquiry_id', 'inquiries', ondelete='CASCADE'),
          reference('listing_id', 'listings', ondelete='CASCADE'),
          key=('inquiry_id', 'listing_id')),
    table('matches',
          reference('inquiry_id', 'inquiries', ondelete='CASCADE', index=True),
          reference('producer_id', 'producers', index=True),
          reference('listing_id', 'listings', nullable=True, ondelete='SET NULL'),
          integer('rank'),
          integer('score'),
          flag('covers'),
          integer('capacity_by_date'),
          integer('unit_price_vnd', nullable=True),
          column('reasons', sa.JSON()),
          reference('consortium_id', 'consortia', nullable=True, ondelete='SET NULL', index=True),
          integer('consortium_position', nullable=True),
          integer('allocation', nullable=True),
          flag('active'),
          string('response', 16),
          moment('notified_at'),
          moment('created_at'),
          moment('updated_at'),
          unique=[('inquiry_id', 'producer_id')]),
    table('lead_messages',
          reference('match_id', 'matches', nullable=True, ondelete='CASCADE', index=True),
          reference('consortium_id', 'consortia', nullable=True, ondelete='CASCADE', index=True),
          reference('author_id', 'users'),
          text('body'),
          moment('created_at'),
          checks={'message_one_thread': '(match_id IS NULL) <> (consortium_id IS NULL)'}),
    table('quotes',
          reference('inquiry_id', 'inquiries', ondelete='CASCADE', index=True),
          reference('match_id', 'matches', nullable=True, ondelete='CASCADE', unique=True),
          reference('consortium_id', 'consortia', nullable=True, ondelete='CASCADE', unique=True),
          reference('author_id', 'users'),
          integer('unit_price_vnd'),
          integer('quantity'),
          integer('lead_time_days'),
          column('valid_until', sa.Date()),
          text('message'),
          string('status', 16),
          moment('created_at'),
          moment('decided_at'),
          checks={'quote_one_target': '(match_id IS NULL) <> (consortium_id IS NULL)',
                  'quote_quantity_positive': 'quantity >= 1',
                  'quote_price_not_negative': 'unit_price_vnd >= 0'}),
)


def upgrade():
    create_tables(*TABLES)
    _create_producer_search()


# One row per producer with active listings; rebuilt for the producers a statement touched.
# Stripped of positions: a third of the size, small enough to stay uncompressed in the row.
_PRODUCER_SEARCH = [
    ("CREATE TABLE producer_search (producer_id integer PRIMARY KEY REFERENCES producers (id) ON DELETE CASCADE, "
     "search_vector tsvector NOT NULL)"),
    "CREATE INDEX ix_producer_search_vector ON producer_search USING gin (search_vector)",
    """CREATE FUNCTION lnm_producer_search_for(ids integer[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM producer_search WHERE producer_id = ANY(ids);
        INSERT INTO producer_search (producer_id, search_vector)
        SELECT producer_id, strip(to_tsvector('simple'::regconfig, f_unaccent(string_agg(search_text, ' '))))
        FROM listings WHERE producer_id = ANY(ids) AND status = 'active' GROUP BY producer_id;
    $$""",
    """CREATE FUNCTION lnm_listings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM lnm_producer_search_for(ARRAY(SELECT DISTINCT producer_id FROM new_rows));
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION lnm_listing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            PERFORM lnm_producer_search_for(ARRAY[OLD.producer_id]);
        ELSE
            PERFORM lnm_producer_search_for(ARRAY[OLD.producer_id, NEW.producer_id]);
        END IF;
        RETURN NULL;
    END $$""",
    # Statement level for inserts, so that a bulk COPY rebuilds each producer once.
    ("CREATE TRIGGER tr_listings_producer_search_insert AFTER INSERT ON listings "
     "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lnm_listings_inserted()"),
    # Row level with WHEN for updates: a stock or price change (an order) costs nothing here.
    ("CREATE TRIGGER tr_listings_producer_search_update AFTER UPDATE ON listings FOR EACH ROW "
     "WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.status IS DISTINCT FROM NEW.status "
     "OR OLD.producer_id IS DISTINCT FROM NEW.producer_id) EXECUTE FUNCTION lnm_listing_changed()"),
    ("CREATE TRIGGER tr_listings_producer_search_delete AFTER DELETE ON listings FOR EACH ROW "
     "EXECUTE FUNCTION lnm_listing_changed()"),
    "SELECT lnm_producer_search_for(ARRAY(SELECT id FROM producers))",
]


@postgresql_only
def _create_producer_search():
    for statement in _PRODUCER_SEARCH:
        op.execute(statement)


@postgresql_only
def _drop_producer_search():
    for statement in (
        "DROP TRIGGER IF EXISTS tr_listings_producer_search_insert ON listings",
        "DROP TRIGGER IF EXISTS tr_listings_producer_search_update ON listings",
        "DROP TRIGGER IF EXISTS tr_listings_producer_search_delete ON listings",
        "DROP FUNCTION IF EXISTS lnm_listings_inserted()",
        "DROP FUNCTION IF EXISTS lnm_listing_changed()",
        "DROP FUNCTION IF EXISTS lnm_producer_search_for(integer[])",
        "DROP TABLE IF EXISTS producer_search",
    ):
        op.execute(statement)


def downgrade():
    _drop_producer_search()
    drop_tables(*TABLES)
