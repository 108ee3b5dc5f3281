"""Control calls about the simulator itself, one module per concern."""
