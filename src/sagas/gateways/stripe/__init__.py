"""The Stripe adapter: the only importer of the stripe SDK (with clients.py)."""
