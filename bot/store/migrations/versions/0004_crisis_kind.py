"""the kind of crisis in the anonymous stats (suicide, violence, trafficking, child, medical), counts only

Revision ID: 0004
Revises: 0003_area
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003_area"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stats") as batch:
        batch.add_column(sa.Column("crisis_kind", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stats") as batch:
        batch.drop_column("crisis_kind")
