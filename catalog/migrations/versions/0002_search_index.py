"""Search index: normalized titles with full-text index, facets, typo vocabulary, change triggers."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from catalog.query import ddl

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FILM_ID = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "search_films",
        sa.Column("film_id", FILM_ID, primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("original_title", sa.Text()),
        sa.Column("year", sa.Integer()),
        sa.Column("fsk", sa.Integer()),
        sa.Column("platform", sa.Text()),
        sa.Column("directors", sa.JSON(), nullable=False),
        sa.Column("genres", sa.JSON(), nullable=False),
        sa.Column("cast", sa.JSON(), nullable=False),          # the first few names, for reports
        sa.Column("sites", sa.JSON(), nullable=False),         # {site: review count}
        sa.Column("score", sa.Float()),                     # mean normalized rating, 0–100
        sa.Column("rated_count", sa.Integer(), nullable=False),
        sa.Column("review_count", sa.Integer(), nullable=False),
        sqlite_with_rowid=False,  # clustered on film_id: one B-tree look-up per film, not two
    )
    for column in ("year", "score", "review_count"):
        op.create_index(f"ix_search_films_{column}", "search_films", [column])
    op.create_table(
        "search_titles",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("film_id", FILM_ID, nullable=False, index=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("norm", sa.Text(), nullable=False),
    )
    op.create_table(
        "search_facets",
        sa.Column("kind", sa.String(16), primary_key=True),   # genre | director | site | platform
        sa.Column("value", sa.Text(), primary_key=True),      # normalized (catalog.query.text)
        sa.Column("film_id", FILM_ID, primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_search_facets_film", "search_facets", ["film_id"])
    op.create_table("search_words", sa.Column("word", sa.Text(), primary_key=True))
    op.create_table(
        "search_word_variants",
        sa.Column("variant", sa.Text(), primary_key=True),    # the word with one character deleted
        sa.Column("word", sa.Text(), primary_key=True),
    )
    op.create_table("search_dirty", sa.Column("film_id", FILM_ID, primary_key=True))
    conn = op.get_bind()
    postgres = conn.dialect.name == "postgresql"
    conn.execute(sa.text(ddl.PG_FTS_INDEX if postgres else ddl.SQLITE_FTS))
    conn.execute(sa.text(ddl.PG_PREFIX_INDEX if postgres else ddl.SQLITE_PREFIX_INDEX))
    ddl.install_triggers(conn)
    # Films that exist already are indexed on first use.
    conn.execute(sa.text("INSERT INTO search_dirty (film_id) SELECT id FROM films"))


def downgrade() -> None:
    conn = op.get_bind()
    ddl.drop_triggers(conn)
    if conn.dialect.name != "postgresql":
        conn.execute(sa.text("DROP TABLE IF EXISTS search_fts"))
    for table in ("search_dirty", "search_word_variants", "search_words", "search_facets",
                  "search_titles", "search_films"):
        op.drop_table(table)
