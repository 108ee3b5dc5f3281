"""Hosted payer pages: what a person sees at a Stripe or Razorpay hosted `url`."""
