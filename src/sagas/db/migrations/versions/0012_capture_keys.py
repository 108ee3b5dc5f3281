"""capture_keys: the Idempotency-Key of each accepted capture (CONTRACT 11.2)

Revision ID: 0012_capture_keys
Revises: 0011_capture
Create Date: 2026-12-01 17:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sagas.db.base

revision: str = "0012_capture_keys"
down_revision: str | Sequence[str] | None = "0011_capture"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "capture_keys",
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("request_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sagas.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_capture_keys_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("idempotency_key", name=op.f("pk_capture_keys")),
    )
    with op.batch_alter_table("capture_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_capture_keys_order_id"), ["order_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("capture_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_capture_keys_order_id"))
    op.drop_table("capture_keys")
