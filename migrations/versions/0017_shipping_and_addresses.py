"""shipping: zones and weight bands, listing weights, free-shipping thresholds, tracking; address book

Revision ID: 0017_shipping_and_addresses
Revises: 0016_private_ocop_scans

``shipping_rates`` holds the zones staff have changed (the others use
``marketplace/shipping/data/rates.json``); every existing listing gets 500 g, which its producer
corrects on the next edit (the form then asks for the weight). ``order_parts`` keeps the zone and
weight a parcel was charged for; ``addresses`` is each buyer's address book.
"""
import sqlalchemy as sa
from alembic import op

from migrations.helpers import create_tables, drop_tables, flag, integer, moment, reference, string, table

revision = "0017_shipping_and_addresses"
down_revision = "0016_private_ocop_scans"
branch_labels = None
depends_on = None

TABLES = (
    table("shipping_rates", string("zone", 20, unique=True), integer("upto_500g"), integer("upto_1kg"),
          integer("upto_2kg"), integer("upto_5kg"), integer("per_extra_kg"), moment("updated_at"),
          checks={"shipping_rate_not_negative":
                  "upto_500g >= 0 AND upto_1kg >= 0 AND upto_2kg >= 0 AND upto_5kg >= 0 AND per_extra_kg >= 0"}),
    table("addresses", reference("user_id", "users", index=True, ondelete="CASCADE"),
          string("recipient_name", 120), string("phone", 20), string("province", 80), string("district", 80),
          string("ward", 80), string("street", 200), flag("is_default"), moment("created_at")),
)


def upgrade():
    create_tables(*TABLES)
    with op.batch_alter_table("listings") as batch_op:
        batch_op.add_column(sa.Column("weight_grams", sa.Integer(), server_default="500", nullable=False))
    with op.batch_alter_table("producers") as batch_op:
        batch_op.add_column(sa.Column("free_shipping_over_vnd", sa.Integer(), nullable=True))
    with op.batch_alter_table("order_parts") as batch_op:
        batch_op.add_column(sa.Column("shipping_zone", sa.String(length=20), server_default="", nullable=False))
        batch_op.add_column(sa.Column("weight_grams", sa.Integer(), server_default="0", nullable=False))


def downgrade():
    with op.batch_alter_table("order_parts") as batch_op:
        batch_op.drop_column("weight_grams")
        batch_op.drop_column("shipping_zone")
    with op.batch_alter_table("producers") as batch_op:
        batch_op.drop_column("free_shipping_over_vnd")
    with op.batch_alter_table("listings") as batch_op:
        batch_op.drop_column("weight_grams")
    drop_tables(*TABLES)
