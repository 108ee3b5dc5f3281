"""The checkout saga's messages: its input, signals, updates and results; its state."""
