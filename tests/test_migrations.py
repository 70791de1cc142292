from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from marketplace.core.schema import include_object


def test_migrations_match_the_models(db):
    """Do the migrations build exactly the schema the models describe (on this backend)?"""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": False})
        differences = compare_metadata(context, db.metadata)
    assert differences == []
