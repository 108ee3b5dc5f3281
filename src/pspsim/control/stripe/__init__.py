"""Control calls that act as a Stripe payer or as Stripe's own clock, by resource."""
