"""Worker kills and the Temporal restart during a campaign's load."""
