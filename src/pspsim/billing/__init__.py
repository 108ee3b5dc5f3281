"""The billing engine: both PSPs renew subscriptions by themselves, on the simulator's clock."""
