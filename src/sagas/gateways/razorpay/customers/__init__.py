"""Razorpay Customers: one per customer of ours, made so a retry finds the same one."""
