"""preferences, feedback and anonymous stats

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "preferences",
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("lang", sa.String(8), nullable=True),
        sa.Column("role", sa.String(8), nullable=True),
        sa.Column("updated_on", sa.Date(), nullable=False),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_key", sa.String(64), nullable=False, index=True),
        sa.Column("issue", sa.String(64), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
    )
    op.create_table(
        "stats",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date(), nullable=False, index=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("issue", sa.String(64), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("stats")
    op.drop_table("feedback")
    op.drop_table("preferences")
