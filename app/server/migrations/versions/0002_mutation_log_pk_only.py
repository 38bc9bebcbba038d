"""mutation log: drop the user and entity indexes

Nothing reads the log but by mutation id (its primary key), and every pushed mutation paid two more
B-tree inserts of random UUIDs for them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 00:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mutation_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mutation_log_user_id"))
        batch_op.drop_index(batch_op.f("ix_mutation_log_entity_id"))


def downgrade() -> None:
    with op.batch_alter_table("mutation_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mutation_log_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mutation_log_user_id"), ["user_id"], unique=False)
