"""the kind of crisis in the anonymous stats (suicide, violence, trafficking, child, medical), counts only

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stats") as batch:
        batch.add_column(sa.Column("crisis_kind", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stats") as batch:
        batch.drop_column("crisis_kind")
