"""catalogue counts: the whole public catalogue's total and facet counts, stored

Revision ID: 0015_catalogue_counts
Revises: 0014

Issue 9 item 1: the unfiltered ``/products`` reads its total and facets from
``catalogue_counts`` (``catalog.counts``), which the catalogue keeps up in the transaction of
every change that moves them. The upgrade fills it once with the same counts.
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import column, create_tables, drop_tables, integer, string, table

revision = "0015_catalogue_counts"
down_revision = "0014"
branch_labels = None
depends_on = None

COUNTS = table(
    "catalogue_counts",
    string("facet", 16),
    integer("ref_id"),
    column("until", sa.Date(), nullable=True),
    integer("count"),
)

# The same counts as catalog.counts' INSERT … SELECT, written out: a migration does not import the models.
_PUBLIC = ("FROM listings JOIN producers ON producers.id = listings.producer_id "
           "WHERE listings.status = 'active' AND producers.status = 'approved'")
FILL = f"""
INSERT INTO catalogue_counts (facet, ref_id, until, count)
SELECT 'total', 0, CAST(NULL AS DATE), count(*) {_PUBLIC}
UNION ALL SELECT 'craft', listings.craft_id, NULL, count(*) {_PUBLIC} GROUP BY listings.craft_id
UNION ALL SELECT 'village', producers.village_id, NULL, count(*) {_PUBLIC} GROUP BY producers.village_id
UNION ALL SELECT 'trademark', product_rights.trademark_id, NULL, count(*)
  FROM listings JOIN producers ON producers.id = listings.producer_id
  JOIN product_rights ON product_rights.listing_id = listings.id AND product_rights.status = 'active'
  JOIN memberships ON memberships.id = product_rights.membership_id AND memberships.status = 'active'
  WHERE listings.status = 'active' AND producers.status = 'approved' GROUP BY product_rights.trademark_id
UNION ALL SELECT 'ocop', producers.ocop_stars, producers.ocop_expires_on, count(*) {_PUBLIC}
  AND producers.ocop_stars IS NOT NULL GROUP BY producers.ocop_stars, producers.ocop_expires_on
"""


def upgrade():
    create_tables(COUNTS)
    op.execute(FILL)


def downgrade():
    drop_tables(COUNTS)
