"""A Stripe checkout's payable object, by flow: a PaymentIntent (the payer's page confirms
it with its ``client_secret``), a Checkout Session or a Payment Link (Stripe's hosted
pages). Payments are PaymentIntents (``pi_``), reached through a Session (``cs_``) or a
Link's Sessions.
"""

from __future__ import annotations

from sagas.domain.gateway_objects import CheckoutOrder, GatewayObject
from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.intents.cancel import cancel_intent
from sagas.gateways.stripe.intents.create import create_payment_intent
from sagas.gateways.stripe.intents.read import read_intent
from sagas.gateways.stripe.links.create import create_payment_link
from sagas.gateways.stripe.links.deactivate import deactivate_link
from sagas.gateways.stripe.links.sessions import link_session_ids
from sagas.gateways.stripe.sessions.create import create_checkout_session
from sagas.gateways.stripe.sessions.expire import expire_session
from sagas.gateways.stripe.sessions.reads import read_session_payment


class StripeCheckout(StripeAdapter):
    async def open_object(self, order: CheckoutOrder) -> GatewayObject:
        client = self.client
        if order.flow == "payment_intent":
            pi = await create_payment_intent(client, order)
            return GatewayObject(
                kind="payment_intent",
                object_id=pi["id"],
                payer_details={"payment_intent_id": pi["id"], "client_secret": pi["client_secret"]},
            )
        if order.flow == "checkout_session":
            cs = await create_checkout_session(client, order)
            return GatewayObject(
                kind="checkout_session",
                object_id=cs["id"],
                payer_details={"checkout_session_id": cs["id"], "url": cs["url"]},
            )
        link = await create_payment_link(client, order)
        return GatewayObject(
            kind="payment_link",
            object_id=link["id"],
            payer_details={"payment_link_id": link["id"], "url": link["url"]},
        )

    async def object_payments(self, flow: str, object_id: str) -> list[PaymentSnapshot]:
        client = self.client
        if flow == "payment_intent":
            return [await read_intent(client, object_id)]
        if flow == "checkout_session":
            snap = await read_session_payment(client, object_id)
            return [snap] if snap else []
        found = await link_session_ids(client, object_id)
        snaps = [await read_session_payment(client, cs) for cs in found]
        return [s for s in snaps if s is not None]

    async def hinted_payment(self, hint: str) -> PaymentSnapshot | None:
        client = self.client
        if hint.startswith("pi_"):
            return await read_intent(client, hint)
        if hint.startswith("cs_"):
            return await read_session_payment(client, hint)
        return None

    async def close_object(self, flow: str, object_id: str) -> str:
        client = self.client
        if flow == "payment_intent":
            return await cancel_intent(client, object_id)
        if flow == "checkout_session":
            return await expire_session(client, object_id)
        active = await deactivate_link(client, object_id)
        return "active" if active else "inactive"
