"""Catalogue request/response bodies: products, discount codes, the discount quote."""
