"""The Razorpay adapter: the only importer of the razorpay SDK (with clients.py)."""
