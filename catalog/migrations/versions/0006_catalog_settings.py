"""Catalogue settings: catalog_settings(name, value), e.g. the key scheme of the last full resolution."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a new, empty table: an upgraded catalogue has no stamp yet, so its next resolution runs full
    # (its stored keys and links came from a resolver whose rules are not known to match this one)
    op.create_table(
        "catalog_settings",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("catalog_settings")
