"""Review queue for incremental resolution: ids of new or changed reviews awaiting their film."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("review_pending", sa.Column("review_id", sa.Integer(), primary_key=True))
    # reviews stored before this table existed and never resolved are queued now
    op.execute("INSERT INTO review_pending (review_id) SELECT r.id FROM reviews r "
               "LEFT JOIN film_links l ON l.review_id = r.id "
               "WHERE l.review_id IS NULL OR l.method = 'stale'")


def downgrade() -> None:
    op.drop_table("review_pending")
