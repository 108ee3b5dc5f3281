"""webhook_events.claimed_by/claimed_until: the hand-off lease (no transaction spans a
Temporal call)

Revision ID: 0013_webhook_claims
Revises: 0002_webhooks
Create Date: 2026-12-02 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sagas.db.base

revision: str = "0013_webhook_claims"
down_revision: str | Sequence[str] | None = "0002_webhooks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_events") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(length=40), nullable=True))
        batch.add_column(
            sa.Column("claimed_until", sagas.db.base.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("webhook_events") as batch:
        batch.drop_column("claimed_until")
        batch.drop_column("claimed_by")
