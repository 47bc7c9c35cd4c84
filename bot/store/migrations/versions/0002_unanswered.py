"""optional log of unanswered questions (off by default; deleted after a set number of days)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unanswered",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date(), nullable=False, index=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("text", sa.String(600), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("unanswered")
