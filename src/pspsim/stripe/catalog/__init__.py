"""Products, Prices and Customers: the catalogue links, sessions and subscriptions use."""
