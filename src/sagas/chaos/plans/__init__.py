"""The campaign's mix, drawn from one seeded RNG: the same seed, the same flows."""
