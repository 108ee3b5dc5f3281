"""Payers and the merchant's backend, acting through the API and the simulator's payer controls."""
