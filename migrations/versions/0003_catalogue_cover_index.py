"""catalogue: covering index for counting and faceting public listings (PostgreSQL)

Revision ID: 0003
Revises: 0002

Rows of ``listings`` are wide (two descriptions, search text and vector), so counting the
public catalogue read the whole table once per facet. With the ids and facet keys in an
index, PostgreSQL counts from the index alone (benchmarks/: /products 505 -> ~200 ms of SQL
at 100,000 listings).
"""
from alembic import op

from migrations.helpers import postgresql_only

revision = "0003"
down_revision = "0002"


@postgresql_only
def upgrade():
    op.execute("CREATE INDEX ix_listings_status_cover ON listings (status) INCLUDE (id, producer_id, craft_id, price_vnd)")


@postgresql_only
def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_listings_status_cover")
