"""disputes: one row per PSP dispute (chargeback), written by DisputeWorkflow

Revision ID: 0006_disputes
Revises: 0004_subscriptions
Create Date: 2026-12-01 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sagas.db.base

revision: str = "0006_disputes"
down_revision: str | Sequence[str] | None = "0004_subscriptions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sagas.db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "disputes",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("gateway", sa.String(length=16), nullable=False),
        sa.Column("gateway_dispute_id", sa.String(length=255), nullable=False),
        sa.Column("gateway_payment_id", sa.String(length=255), nullable=True),
        sa.Column("order_id", sa.String(length=40), nullable=True),
        sa.Column("payment_id", sa.String(length=40), nullable=True),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("reason", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("psp_status", sa.String(length=64), nullable=False),
        sa.Column("evidence_due_by", UTC, nullable=True),
        sa.Column("evidence_submitted_at", UTC, nullable=True),
        sa.Column("accepted_at", UTC, nullable=True),
        sa.Column("order_status_before", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_minor", sa.BigInteger(), nullable=False),
        sa.Column("reinstated_minor", sa.BigInteger(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("fulfilment_revoked_at", UTC, nullable=True),
        sa.Column("workflow_id", sa.String(length=255), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("closed_at", UTC, nullable=True),
        sa.CheckConstraint("amount_minor > 0", name=op.f("ck_disputes_amount_positive")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_disputes_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_disputes_payment_id_payments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disputes")),
        sa.UniqueConstraint(
            "gateway", "gateway_dispute_id", name=op.f("uq_disputes_gateway_gateway_dispute_id")
        ),
    )
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        for column in (
            "created_at",
            "evidence_due_by",
            "gateway_payment_id",
            "order_id",
            "payment_id",
            "status",
        ):
            batch_op.create_index(batch_op.f(f"ix_disputes_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        for column in (
            "status",
            "payment_id",
            "order_id",
            "gateway_payment_id",
            "evidence_due_by",
            "created_at",
        ):
            batch_op.drop_index(batch_op.f(f"ix_disputes_{column}"))
    op.drop_table("disputes")
