"""The payer-callback protocol: checking a payer page's signed payment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # settings are passed in, never read here (workflows import this)
    from sagas.settings import Settings


class PayerCallbackGateway(Protocol):
    """A payer's page calling back with a signed payment (a PSP whose
    ``traits.verifies_payer_callback``): is the signature the PSP's?"""

    def signature_valid(
        self, settings: Settings, *, object_id: str, payment_id: str, signature: str
    ) -> bool: ...
