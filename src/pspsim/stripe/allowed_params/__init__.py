"""Top-level parameters each Stripe POST accepts (OpenAPI spec, MIT, plus newer SDK params)."""
