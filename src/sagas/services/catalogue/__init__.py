"""The catalogue: products, discount codes and the price of a cart, in the caller's session."""
