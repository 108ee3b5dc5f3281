"""Refuse to start on a taken port, with a message that says which setting to change."""
