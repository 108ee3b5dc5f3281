"""merchant events outbox, webhook endpoints, deliveries and attempts

Revision ID: 0005_events
Revises: 0004_subscriptions
Create Date: 2026-12-01 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sagas.db.base

revision: str = "0005_events"
down_revision: str | Sequence[str] | None = "0004_subscriptions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sagas.db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    counters = op.create_table(
        "event_counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_event_counters")),
    )
    op.bulk_insert(counters, [{"name": "events", "value": 0}])
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("object_sequence", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("sequence", name=op.f("uq_events_sequence")),
        sa.UniqueConstraint(
            "object_id", "object_sequence", name=op.f("uq_events_object_id_object_sequence")
        ),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_object_id"), ["object_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)
    op.create_table(
        "merchant_webhook_endpoints",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("event_types", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=False),
        sa.Column("previous_secret", sa.String(length=200), nullable=True),
        sa.Column("previous_expires_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_webhook_endpoints")),
    )
    with op.batch_alter_table("merchant_webhook_endpoints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchant_webhook_endpoints_status"), ["status"], unique=False
        )
    op.create_table(
        "merchant_deliveries",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("endpoint_id", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC, nullable=True),
        sa.Column("lease_until", UTC, nullable=True),
        sa.Column("window_started_at", UTC, nullable=False),
        sa.Column("last_response_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("succeeded_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["merchant_webhook_endpoints.id"],
            name=op.f("fk_merchant_deliveries_endpoint_id_merchant_webhook_endpoints"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_merchant_deliveries_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_deliveries")),
        sa.UniqueConstraint(
            "event_id", "endpoint_id", name=op.f("uq_merchant_deliveries_event_id_endpoint_id")
        ),
    )
    with op.batch_alter_table("merchant_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchant_deliveries_endpoint_id"), ["endpoint_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_merchant_deliveries_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_merchant_deliveries_next_attempt_at"), ["next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_merchant_deliveries_status"), ["status"], unique=False)
    op.create_table(
        "merchant_delivery_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("delivery_id", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("endpoint_id", sa.String(length=40), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("attempted_at", UTC, nullable=False),
        sa.Column("next_attempt_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["merchant_deliveries.id"],
            name=op.f("fk_merchant_delivery_attempts_delivery_id_merchant_deliveries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_delivery_attempts")),
    )
    with op.batch_alter_table("merchant_delivery_attempts", schema=None) as batch_op:
        for column in ("delivery_id", "endpoint_id", "event_id"):
            batch_op.create_index(
                batch_op.f(f"ix_merchant_delivery_attempts_{column}"), [column], unique=False
            )


def downgrade() -> None:
    op.drop_table("merchant_delivery_attempts")
    op.drop_table("merchant_deliveries")
    op.drop_table("merchant_webhook_endpoints")
    op.drop_table("events")
    op.drop_table("event_counters")
