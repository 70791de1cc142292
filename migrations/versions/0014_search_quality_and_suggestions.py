"""search: marked words and stems, the spelling vocabulary, suggestions as you type

Revision ID: 0014
Revises: 0013

``listings.search_marked`` keeps the listing's words with their diacritics (ranking, exact
Vietnamese synonyms); ``search_text`` gains English stems; ``search_words`` is the vocabulary
"Did you mean …" corrects to; ``search_suggestions`` holds the prefix keys the search box
suggests from, ordered bytewise on PostgreSQL ("C") so that a prefix is an index range. Every
listing is then reindexed (``catalog.reindex``; about a minute per 100,000 listings).
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from marketplace.catalog.reindex import reindex_all  # the app's own indexing: the rows are what a refresh writes

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("listings") as batch_op:
        batch_op.add_column(sa.Column("search_marked", sa.Text(), nullable=True))
    op.create_table(
        "search_words",
        sa.Column("word", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_words")),
    )
    op.create_table(
        "search_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80, collation="C" if postgres else None), nullable=False),
        sa.Column("label_vi", sa.String(length=300), nullable=False),
        sa.Column("label_en", sa.String(length=300), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_suggestions")),
        sa.UniqueConstraint("kind", "ref_id", "key", name=op.f("uq_search_suggestions_kind")),
    )
    op.create_index("ix_search_suggestions_kind_key", "search_suggestions", ["kind", "key", "ref_id"])
    reindex_all(Session(bind=op.get_bind()), columns=("search_text", "search_marked"))


def downgrade():
    op.drop_index("ix_search_suggestions_kind_key", table_name="search_suggestions")
    op.drop_table("search_suggestions")
    op.drop_table("search_words")
    with op.batch_alter_table("listings") as batch_op:
        batch_op.drop_column("search_marked")
