"""`POST /v1/invoices/{id}/pay`: the merchant retrying an open invoice (dunning).

Stripe charges the `payment_method` given, else the subscription's
`default_payment_method`, else the customer's `invoice_settings.default_payment_method`,
and nothing else: with none of them the call fails. How the saved method behaves is the
control call `PUT /_sim/stripe/customers/{id}/default_payment_method {"outcome"}` (the
payer's card starting to decline, or fixed).

A decline answers 402 `card_error` and leaves the invoice `open` with one more attempt
(`invoice.payment_failed`); a card that needs 3D Secure answers 402
`invoice_payment_intent_requires_action`. Both are kept under the Idempotency-Key, so a
replayed key never charges twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj, render
from pspsim.stripe.confirmation.confirming import confirm_with
from pspsim.stripe.errors import StripeError, invalid
from pspsim.stripe.invoices.lookup import get as get_invoice
from pspsim.stripe.invoices.saved_methods import customer_outcome, saved_method
from pspsim.stripe.params import Params, opt_bool, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim

ALLOWED = {"expand", "off_session", "payment_method"}
NO_PAYMENT_METHOD = (
    "This customer has no attached payment source or default payment method. Please "
    "consider adding a default payment method."
)


def pay(sim: Sim, invoice_id: str, params: Params) -> Obj:
    invoice = get_invoice(sim, invoice_id)
    opt_bool(params, "off_session")  # a hint to the bank; checked, changes nothing here
    if invoice["status"] == "paid":
        raise invalid("Invoice is already paid")
    if invoice["status"] != "open":
        raise invalid(f"You can only pay an open invoice; this one is {invoice['status']}.")
    pi = sim.store.stripe[invoice["_payment_intent"]]
    given = opt_str(params, "payment_method")
    pm = given or saved_method(sim, invoice)
    if pm is None:
        raise invalid(NO_PAYMENT_METHOD)
    outcome = None if given else customer_outcome(sim, invoice)
    confirm_with(sim, pi, pm, raise_on_decline=True, outcome=outcome)
    if pi["status"] == "requires_action":
        raise StripeError(
            402,
            "invalid_request_error",
            "This payment requires additional user action before it can be completed "
            "successfully. Payment can be completed using the PaymentIntent associated "
            "with the invoice.",
            code="invoice_payment_intent_requires_action",
            saved=True,
            extra={"payment_intent": render(pi)},
        )
    return invoice
