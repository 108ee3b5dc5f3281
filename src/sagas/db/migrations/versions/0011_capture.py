"""checkouts.capture_method (manual capture, CONTRACT 11.2)

Revision ID: 0011_capture
Revises: 0005_events
Create Date: 2026-12-01 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_capture"
down_revision: str | Sequence[str] | None = "0005_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkouts") as batch:
        batch.add_column(
            sa.Column(
                "capture_method",
                sa.String(length=16),
                nullable=False,
                server_default="automatic",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("checkouts") as batch:
        batch.drop_column("capture_method")
