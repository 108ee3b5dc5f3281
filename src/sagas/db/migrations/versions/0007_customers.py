"""customers: one PSP customer per (customer, gateway)

Revision ID: 0007_customers
Revises: 0004_subscriptions
Create Date: 2026-12-01 15:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sagas.db.base

revision: str = "0007_customers"
down_revision: str | Sequence[str] | None = "0004_subscriptions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.String(length=128), nullable=False),
        sa.Column("gateway", sa.String(length=16), nullable=False),
        sa.Column("gateway_customer_id", sa.String(length=255), nullable=False),
        sa.Column("created_at", sagas.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint(
            "customer_id", "gateway", name=op.f("uq_customers_customer_id_gateway")
        ),
    )


def downgrade() -> None:
    op.drop_table("customers")
