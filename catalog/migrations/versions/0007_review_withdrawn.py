"""Withdrawn reviews: reviews.withdrawn (why the site no longer lets its page be fetched) and withdrawn_at."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # nullable, no default: a plain ALTER TABLE on SQLite and on PostgreSQL, no copy of the reviews
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("withdrawn", sa.Text(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("withdrawn_at")
        batch.drop_column("withdrawn")
