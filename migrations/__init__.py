"""Alembic's environment and version files (run by Flask-Migrate): a package, so that the
version files import what they share as ``migrations.helpers``."""
