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
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('importer_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('languages', sa.String(length=100), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_importer_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_importer_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_importer_profiles_user_id'))
    )
    op.create_table('inquiries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('importer_id', sa.Integer(), nullable=False),
    sa.Column('craft_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('target_price_vnd', sa.Integer(), nullable=True),
    sa.Column('destination_country', sa.String(length=2), nullable=False),
    sa.Column('incoterm', sa.String(length=3), nullable=False),
    sa.Column('required_by', sa.Date(), nullable=False),
    sa.Column('required_ocop_stars', sa.Integer(), nullable=True),
    sa.Column('required_trademark_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('matching_status', sa.String(length=16), nullable=False),
    sa.Column('matching_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('matched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('no_match_reasons', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_inquiries_quantity_positive')),
    sa.CheckConstraint('target_price_vnd IS NULL OR target_price_vnd >= 0', name=op.f('ck_inquiries_target_price_not_negative')),
    sa.ForeignKeyConstraint(['craft_id'], ['crafts.id'], name=op.f('fk_inquiries_craft_id_crafts')),
    sa.ForeignKeyConstraint(['importer_id'], ['users.id'], name=op.f('fk_inquiries_importer_id_users')),
    sa.ForeignKeyConstraint(['required_trademark_id'], ['trademarks.id'], name=op.f('fk_inquiries_required_trademark_id_trademarks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inquiries'))
    )
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiries_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiries_importer_id'), ['importer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiries_matching_status'), ['matching_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiries_status'), ['status'], unique=False)

    op.create_table('consortia',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('trademark_id', sa.Integer(), nullable=True),
    sa.Column('association_id', sa.Integer(), nullable=True),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('response', sa.String(length=16), nullable=False),
    sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['association_id'], ['associations.id'], name=op.f('fk_consortia_association_id_associations')),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiries.id'], name=op.f('fk_consortia_inquiry_id_inquiries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trademark_id'], ['trademarks.id'], name=op.f('fk_consortia_trademark_id_trademarks')),
    sa.ForeignKeyConstraint(['village_id'], ['villages.id'], name=op.f('fk_consortia_village_id_villages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consortia')),
    sa.UniqueConstraint('inquiry_id', name=op.f('uq_consortia_inquiry_id'))
    )
    with op.batch_alter_table('consortia', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consortia_association_id'), ['association_id'], unique=False)

    op.create_table('inquiry_references',
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiries.id'], name=op.f('fk_inquiry_references_inquiry_id_inquiries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name=op.f('fk_inquiry_references_listing_id_listings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('inquiry_id', 'listing_id', name=op.f('pk_inquiry_references'))
    )
    op.create_table('matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('covers', sa.Boolean(), nullable=False),
    sa.Column('capacity_by_date', sa.Integer(), nullable=False),
    sa.Column('unit_price_vnd', sa.Integer(), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('consortium_id', sa.Integer(), nullable=True),
    sa.Column('consortium_position', sa.Integer(), nullable=True),
    sa.Column('allocation', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('response', sa.String(length=16), nullable=False),
    sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['consortium_id'], ['consortia.id'], name=op.f('fk_matches_consortium_id_consortia'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiries.id'], name=op.f('fk_matches_inquiry_id_inquiries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name=op.f('fk_matches_listing_id_listings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_matches_producer_id_producers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matches')),
    sa.UniqueConstraint('inquiry_id', 'producer_id', name=op.f('uq_matches_inquiry_id'))
    )
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matches_consortium_id'), ['consortium_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_inquiry_id'), ['inquiry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_producer_id'), ['producer_id'], unique=False)

    op.create_table('lead_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=True),
    sa.Column('consortium_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(match_id IS NULL) <> (consortium_id IS NULL)', name=op.f('ck_lead_messages_message_one_thread')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_lead_messages_author_id_users')),
    sa.ForeignKeyConstraint(['consortium_id'], ['consortia.id'], name=op.f('fk_lead_messages_consortium_id_consortia'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['match_id'], ['matches.id'], name=op.f('fk_lead_messages_match_id_matches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lead_messages'))
    )
    with op.batch_alter_table('lead_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lead_messages_consortium_id'), ['consortium_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lead_messages_match_id'), ['match_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=True),
    sa.Column('consortium_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('unit_price_vnd', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(match_id IS NULL) <> (consortium_id IS NULL)', name=op.f('ck_quotes_quote_one_target')),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_quotes_quote_quantity_positive')),
    sa.CheckConstraint('unit_price_vnd >= 0', name=op.f('ck_quotes_quote_price_not_negative')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_quotes_author_id_users')),
    sa.ForeignKeyConstraint(['consortium_id'], ['consortia.id'], name=op.f('fk_quotes_consortium_id_consortia'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiries.id'], name=op.f('fk_quotes_inquiry_id_inquiries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['match_id'], ['matches.id'], name=op.f('fk_quotes_match_id_matches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes')),
    sa.UniqueConstraint('consortium_id', name=op.f('uq_quotes_consortium_id')),
    sa.UniqueConstraint('match_id', name=op.f('uq_quotes_match_id'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_inquiry_id'), ['inquiry_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        _create_producer_search()


# One row per producer with active listings; rebuilt for the producers a statement touched.
# Stripped of positions: a third of the size, small enough to stay uncompressed in the row.
_PRODUCER_SEARCH = [
    "CREATE TABLE producer_search (producer_id integer PRIMARY KEY REFERENCES producers (id) ON DELETE CASCADE, "
    "search_vector tsvector NOT NULL)",
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
    "CREATE TRIGGER tr_listings_producer_search_insert AFTER INSERT ON listings "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lnm_listings_inserted()",
    # Row level with WHEN for updates: a stock or price change (an order) costs nothing here.
    "CREATE TRIGGER tr_listings_producer_search_update AFTER UPDATE ON listings FOR EACH ROW "
    "WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.status IS DISTINCT FROM NEW.status "
    "OR OLD.producer_id IS DISTINCT FROM NEW.producer_id) EXECUTE FUNCTION lnm_listing_changed()",
    "CREATE TRIGGER tr_listings_producer_search_delete AFTER DELETE ON listings FOR EACH ROW "
    "EXECUTE FUNCTION lnm_listing_changed()",
    "SELECT lnm_producer_search_for(ARRAY(SELECT id FROM producers))",
]


def _create_producer_search():
    for statement in _PRODUCER_SEARCH:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
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
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_inquiry_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('lead_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lead_messages_match_id'))
        batch_op.drop_index(batch_op.f('ix_lead_messages_consortium_id'))

    op.drop_table('lead_messages')
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matches_producer_id'))
        batch_op.drop_index(batch_op.f('ix_matches_inquiry_id'))
        batch_op.drop_index(batch_op.f('ix_matches_consortium_id'))

    op.drop_table('matches')
    op.drop_table('inquiry_references')
    with op.batch_alter_table('consortia', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consortia_association_id'))

    op.drop_table('consortia')
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiries_status'))
        batch_op.drop_index(batch_op.f('ix_inquiries_matching_status'))
        batch_op.drop_index(batch_op.f('ix_inquiries_importer_id'))
        batch_op.drop_index(batch_op.f('ix_inquiries_created_at'))

    op.drop_table('inquiries')
    op.drop_table('importer_profiles')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
