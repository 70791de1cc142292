from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from marketplace.core.schema import include_object
from marketplace.extensions import db as sqla
from tests.test_email_verification import empty_database  # noqa: F401 (a fixture; conftest would be its home)


def _differences_from_the_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": False})
        return compare_metadata(context, sqla.metadata)


def test_migrations_match_the_models(db):
    """Do the migrations build exactly the schema the models describe (on this backend)?"""
    assert _differences_from_the_models(db.engine) == []


def test_every_migration_can_be_undone_and_redone(make_app, empty_database):  # noqa: F811
    """Does downgrading to base leave no table but Alembic's, and upgrading again build the models' schema?"""
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        left = inspect(sqla.engine).get_table_names()
        upgrade()
        differences = _differences_from_the_models(sqla.engine)
        sqla.engine.dispose()
    assert (left, differences) == (["alembic_version"], [])
