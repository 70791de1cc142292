"""OCOP certificate scans move out of the public uploads: listings/… to ocop/…

Revision ID: 0016_private_ocop_scans
Revises: 0015_catalogue_counts

Scans used to be stored beside listing images (``listings/ab/<uuid>.jpg``) and served to anyone
by ``/media``. They now live under ``ocop/`` in ``UPLOAD_FOLDER``, which ``/media`` refuses; staff
and the producer read them through ``/ocop/<id>/scan``. This moves the files already stored and
their ``scan_path`` (a missing file just gets its new path); downgrade moves them back. No schema
change; offline (``--sql``) mode has no rows or files to move and does nothing.
"""
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op
from flask import current_app

revision = "0016_private_ocop_scans"
down_revision = "0015_catalogue_counts"
branch_labels = None
depends_on = None

_submissions = sa.table("ocop_submissions", sa.column("id", sa.Integer), sa.column("scan_path", sa.String))


def _move(source, target):
    """Every scan under ``source/`` goes to ``target/`` (the same sub-folder and name)."""
    if context.is_offline_mode():
        return
    bind = op.get_bind()
    root = Path(current_app.config["UPLOAD_FOLDER"])
    rows = bind.execute(sa.select(_submissions.c.id, _submissions.c.scan_path)
                        .where(_submissions.c.scan_path.like(f"{source}/%"))).all()
    for ident, path in rows:
        moved = f"{target}/{path.split('/', 1)[1]}"
        if (root / path).is_file():
            (root / moved).parent.mkdir(parents=True, exist_ok=True)
            (root / path).replace(root / moved)
        bind.execute(_submissions.update().where(_submissions.c.id == ident).values(scan_path=moved))


def upgrade():
    _move("listings", "ocop")


def downgrade():
    _move("ocop", "listings")
