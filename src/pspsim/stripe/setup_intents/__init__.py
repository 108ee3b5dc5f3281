"""Stripe SetupIntents: saving a card for later off-session payments."""
