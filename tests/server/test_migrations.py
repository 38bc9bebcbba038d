"""The migrations build exactly the schema the models declare, on SQLite and PostgreSQL: a model change
without its migration (or the reverse) fails here, not on a field server's `alembic upgrade`."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from app.server import models


def test_upgraded_database_matches_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        # The options of the migrations' env.py: the server's tables only, column types compared.
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_object": models.is_server_object,
            },
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_the_mutation_log_has_no_index_but_its_key(engine: Engine) -> None:
    # Every pushed mutation inserts a log row: an index nothing reads is paid for on each one.
    assert inspect(engine).get_indexes("mutation_log") == []
