"""Stripe charges: one payment attempt each, behind `PaymentIntent.latest_charge`."""
