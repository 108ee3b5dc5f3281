"""What every Razorpay endpoint does around its handler, and field helpers for its entities."""
