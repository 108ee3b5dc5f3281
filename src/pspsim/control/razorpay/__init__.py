"""Control calls that act as a Razorpay payer (Checkout) or as Razorpay's own clock."""
