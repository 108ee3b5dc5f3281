"""PSP adapters. Only ``sagas.gateways.stripe*`` imports the stripe SDK and only
``sagas.gateways.razorpay*`` imports razorpay; sagas see typed results and typed errors."""
