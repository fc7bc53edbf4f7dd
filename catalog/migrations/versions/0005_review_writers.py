"""Review writers: reviews.writers, a JSON list of names (empty for every review stored before)."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a constant default: SQLite adds the column with a plain ALTER TABLE and PostgreSQL (11+)
    # without rewriting the table, so upgrading a large catalogue costs no copy of its reviews
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("writers", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))


def downgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("writers")
