"""The Temporal dev server: its CLI, its arguments, its health and its search attributes."""
