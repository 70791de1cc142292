"""What the version files share: tables declared once, as the models declare them.

A version file lists its tables with ``table(...)`` and the column helpers below; its
upgrade creates them with ``create_tables`` (each table, then its indexes) and its downgrade
drops them with ``drop_tables`` (in reverse: each table's indexes, then the table). The
declarations are plain data, so a version file can be imported without a migration running
(``flask db history``) and upgraded, downgraded and upgraded again in one process.

Names follow the models' naming convention (``marketplace/extensions.py``) and are marked
final with ``op.f``, so a later change of the convention renames nothing that a migration
has already made. Inside CREATE TABLE the constraints keep the order autogenerate wrote:
primary key, checks as given, foreign keys, then unique constraints, both by name. SQLite
keeps that text as the table's definition.
"""
import functools
from dataclasses import dataclass

import sqlalchemy as sa
from alembic import op


@dataclass(frozen=True)
class Column:
    name: str
    type_: sa.types.TypeEngine
    nullable: bool = False
    index: bool = False
    unique: bool = False
    references: str | None = None  # the table whose id this column holds
    ondelete: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple
    key: tuple  # the primary key's columns
    unique: tuple  # composite unique constraints, each a tuple of column names
    checks: tuple  # (name, SQL) pairs


def column(name, type_, **options):
    return Column(name, type_, **options)


def integer(name, **options):
    return Column(name, sa.Integer(), **options)


def string(name, length, **options):
    return Column(name, sa.String(length=length), **options)


def text(name, **options):
    return Column(name, sa.Text(), **options)


def flag(name, **options):
    return Column(name, sa.Boolean(), **options)


def moment(name, nullable=True, **options):
    """A timezone-aware time: nullable unless told otherwise, as every one in these migrations is."""
    return Column(name, sa.DateTime(timezone=True), nullable=nullable, **options)


def reference(name, table, **options):
    """An integer column holding the id of a row of ``table``, with its foreign key."""
    return Column(name, sa.Integer(), references=table, **options)


def bilingual(make, stem, *args, **options):
    """The Vietnamese and English columns of one text: ``stem_vi`` and ``stem_en``."""
    return make(f"{stem}_vi", *args, **options), make(f"{stem}_en", *args, **options)


def payment():
    """The columns of one payment, whatever it pays (an order, a deal's stage): its method, amount,
    status and the provider's unique reference, why it failed, who recorded it (cash, transfer),
    when it was made and when it succeeded."""
    return (string("method", 16), integer("amount_vnd"), string("status", 16),
            string("provider_ref", 120, nullable=True, unique=True), string("failure_message", 300),
            reference("recorded_by_id", "users", nullable=True), moment("created_at"), moment("succeeded_at"))


def table(name, *columns, key=("id",), unique=(), checks=None):
    """A table whose first column is an integer ``id`` primary key, unless ``key`` names others.

    ``unique`` lists composite unique constraints (a single column says ``unique=True``);
    ``checks`` maps each check constraint's name (after ``ck_<table>_``) to its SQL.
    """
    if key == ("id",):
        columns = (integer("id"), *columns)
    return Table(name, tuple(columns), tuple(key), tuple(tuple(cols) for cols in unique),
                 tuple((checks or {}).items()))


def create_tables(*tables):
    for spec in tables:
        columns = [sa.Column(col.name, col.type_, nullable=col.nullable) for col in spec.columns]
        op.create_table(spec.name, *columns, *_constraints(spec))
        indexed = _indexed(spec)
        if indexed:
            with op.batch_alter_table(spec.name, schema=None) as batch_op:
                for name in indexed:
                    batch_op.create_index(batch_op.f(f"ix_{spec.name}_{name}"), [name], unique=False)


def drop_tables(*tables):
    for spec in reversed(tables):
        indexed = _indexed(spec)
        if indexed:
            with op.batch_alter_table(spec.name, schema=None) as batch_op:
                for name in reversed(indexed):
                    batch_op.drop_index(batch_op.f(f"ix_{spec.name}_{name}"))
        op.drop_table(spec.name)


def add_columns(table_name, *columns):
    """Add ``columns`` to a table that has rows: each ``server_default`` fills the existing rows
    and is then dropped, so new rows get their values from the models, as on a fresh database."""
    with op.batch_alter_table(table_name) as batch_op:
        for new_column in columns:
            batch_op.add_column(new_column)
    filled = [col.name for col in columns if col.server_default is not None]
    if filled:
        with op.batch_alter_table(table_name) as batch_op:
            for name in filled:
                batch_op.alter_column(name, server_default=None)


def drop_columns(table_name, *names):
    with op.batch_alter_table(table_name) as batch_op:
        for name in names:
            batch_op.drop_column(name)


def postgresql_only(step):
    """An upgrade or downgrade step that SQLite skips (it searches with LIKE and needs none of it)."""
    @functools.wraps(step)
    def run():
        if op.get_bind().dialect.name == "postgresql":
            step()
    return run


def _indexed(spec):
    return sorted(col.name for col in spec.columns if col.index)


def _constraints(spec):
    name = spec.name
    checks = [sa.CheckConstraint(sql, name=op.f(f"ck_{name}_{check}")) for check, sql in spec.checks]
    references = sorted((f"fk_{name}_{col.name}_{col.references}", col) for col in spec.columns if col.references)
    foreign_keys = [
        sa.ForeignKeyConstraint([col.name], [f"{col.references}.id"], name=op.f(fk), ondelete=col.ondelete)
        for fk, col in references
    ]
    singles = [(col.name,) for col in spec.columns if col.unique]
    unique = sorted((f"uq_{name}_{cols[0]}", cols) for cols in [*singles, *spec.unique])
    uniques = [sa.UniqueConstraint(*cols, name=op.f(uq)) for uq, cols in unique]
    return [*checks, *foreign_keys, sa.PrimaryKeyConstraint(*spec.key, name=op.f(f"pk_{name}")), *uniques]
