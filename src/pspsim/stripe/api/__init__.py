"""What every Stripe endpoint does around its handler."""
