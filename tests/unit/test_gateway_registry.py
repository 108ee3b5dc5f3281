"""The gateway registry and traits: every PSP package answers by name, nothing else does."""

from __future__ import annotations

import pytest

from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import GatewayNotConfigured, PermanentGatewayError
from sagas.gateways.registry import (
    PACKAGES,
    GatewayRegistry,
    callbacks_for,
    events_for,
    is_configured,
)
from sagas.gateways.traits import TRAITS, traits_of
from sagas.settings import Settings

NO_CLIENTS = GatewayClients(None, None, None, None)


def test_every_package_has_traits_under_its_name() -> None:
    registry = GatewayRegistry(NO_CLIENTS)
    assert set(PACKAGES) == set(TRAITS)
    for name in PACKAGES:
        assert registry.get(name).name == name
        assert traits_of(name) is registry.get(name).traits


def test_unknown_gateway_is_a_permanent_error() -> None:
    with pytest.raises(PermanentGatewayError):
        GatewayRegistry(NO_CLIENTS).get("paypal")
    with pytest.raises(PermanentGatewayError):
        events_for("paypal")
    assert traits_of("paypal").flows == frozenset()
    assert traits_of(None).captures_authorized is False


def test_without_clients_nothing_is_swept_and_calls_fail_as_not_configured() -> None:
    registry = GatewayRegistry(NO_CLIENTS)
    assert registry.with_clients() == []
    with pytest.raises(GatewayNotConfigured):
        _ = registry.get("stripe").refunds.client  # type: ignore[attr-defined]


def test_every_psp_captures_for_manual_capture() -> None:
    """Manual capture (CONTRACT 11.2) needs capture and void on every PSP; the trait
    ``captures_authorized`` only says whether an automatic checkout captures itself."""
    registry = GatewayRegistry(NO_CLIENTS)
    for name in PACKAGES:
        assert registry.get(name).capture is not None
    assert traits_of("razorpay").captures_authorized
    assert not traits_of("stripe").captures_authorized


def test_signed_callbacks_only_where_payers_call_back() -> None:
    for name in PACKAGES:
        has_callbacks = callbacks_for(name) is not None
        assert has_callbacks is traits_of(name).verifies_payer_callback
    assert callbacks_for("paypal") is None


def test_is_configured_follows_the_settings() -> None:
    settings = Settings(stripe_api_key=None, razorpay_key_id=None, razorpay_key_secret=None)
    assert not any(is_configured(settings, name) for name in PACKAGES)
    assert not is_configured(settings, "paypal")


def test_plan_limits_are_the_psps_own() -> None:
    assert traits_of("razorpay").unsupported_reason("day", 1) is not None
    assert traits_of("razorpay").unsupported_reason("month", 1) is None
    assert traits_of("stripe").unsupported_reason("day", 1) is None
