"""Stripe's test payment methods and what confirming with each of them does.

`pm_card_visa` succeeds, `pm_card_chargeDeclined` is declined (`generic_decline`),
`pm_card_authenticationRequired` needs 3D Secure (`requires_action`). The control API
uses the same table when it acts as a payer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TestCard:
    brand: str
    last4: str
    outcome: str  # succeed | decline | authenticate | processing
    decline_code: str | None = None
    code: str = "card_declined"
    message: str = "Your card was declined."


TEST_CARDS: dict[str, TestCard] = {
    "pm_card_visa": TestCard("visa", "4242", "succeed"),
    "pm_card_visa_debit": TestCard("visa", "5556", "succeed"),
    "pm_card_mastercard": TestCard("mastercard", "4444", "succeed"),
    "pm_card_amex": TestCard("amex", "8431", "succeed"),
    "pm_card_in": TestCard("visa", "0003", "succeed"),
    "pm_card_chargeDeclined": TestCard("visa", "0002", "decline", "generic_decline"),
    "pm_card_chargeDeclinedInsufficientFunds": TestCard(
        "visa", "9995", "decline", "insufficient_funds", message="Your card has insufficient funds."
    ),
    "pm_card_chargeDeclinedExpiredCard": TestCard(
        "visa",
        "0069",
        "decline",
        "expired_card",
        code="expired_card",
        message="Your card has expired.",
    ),
    "pm_card_authenticationRequired": TestCard("visa", "3184", "authenticate"),
    "pm_card_threeDSecure2Required": TestCard("visa", "3220", "authenticate"),
    "pm_card_authenticationRequiredOnSetup": TestCard("visa", "3155", "authenticate"),
}

#: What the control API and hosted pages use for each payer outcome.
OUTCOME_CARDS = {
    "succeed": "pm_card_visa",
    "decline": "pm_card_chargeDeclined",
    "authenticate": "pm_card_authenticationRequired",
    "processing": "pm_card_visa",
}
