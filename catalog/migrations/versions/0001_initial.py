"""Initial catalogue schema: runs, pages, rejections, reviews and history, films, links, keys, decisions, redirects."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('film_ids', sa.JSON(), nullable=False),
    sa.Column('urls_a', sa.JSON(), nullable=False),
    sa.Column('urls_b', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('film_redirects',
    sa.Column('old_id', sa.String(length=40), nullable=False),
    sa.Column('new_id', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('old_id')
    )
    with op.batch_alter_table('film_redirects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_film_redirects_new_id'), ['new_id'], unique=False)

    op.create_table('films',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('original_title', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('directors', sa.JSON(), nullable=False),
    sa.Column('cast', sa.JSON(), nullable=False),
    sa.Column('genres', sa.JSON(), nullable=False),
    sa.Column('fsk', sa.Integer(), nullable=True),
    sa.Column('platform', sa.Text(), nullable=True),
    sa.Column('release_date', sa.String(length=10), nullable=True),
    sa.Column('n_reviews', sa.Integer(), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('headers', sa.JSON(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('sitemap_lastmod', sa.Text(), nullable=True),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('url')
    )
    op.create_table('rejections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('rejections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rejections_url'), ['url'], unique=False)

    op.create_table('review_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('record_hash', sa.String(length=64), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_history_review_id'), ['review_id'], unique=False)

    op.create_table('review_keys',
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', 'review_id')
    )
    with op.batch_alter_table('review_keys', schema=None) as batch_op:
        batch_op.create_index('ix_review_keys_review', ['review_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('site', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('original_title', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('genres', sa.JSON(), nullable=False),
    sa.Column('fsk', sa.Integer(), nullable=True),
    sa.Column('directors', sa.JSON(), nullable=False),
    sa.Column('cast', sa.JSON(), nullable=False),
    sa.Column('platform', sa.Text(), nullable=True),
    sa.Column('release_date', sa.String(length=10), nullable=True),
    sa.Column('rating', sa.JSON(), nullable=True),
    sa.Column('record_hash', sa.String(length=64), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('provenance', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('url')
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_site'), ['site'], unique=False)

    op.create_table('runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('sites', sa.JSON(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('film_links',
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('film_id', sa.String(length=40), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('review_id')
    )
    with op.batch_alter_table('film_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_film_links_film_id'), ['film_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('film_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_film_links_film_id'))

    op.drop_table('film_links')
    op.drop_table('runs')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_site'))

    op.drop_table('reviews')
    with op.batch_alter_table('review_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_review_keys_review')

    op.drop_table('review_keys')
    with op.batch_alter_table('review_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_history_review_id'))

    op.drop_table('review_history')
    with op.batch_alter_table('rejections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rejections_url'))

    op.drop_table('rejections')
    op.drop_table('pages')
    op.drop_table('films')
    with op.batch_alter_table('film_redirects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_film_redirects_new_id'))

    op.drop_table('film_redirects')
    op.drop_table('decisions')
