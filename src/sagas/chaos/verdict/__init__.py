"""Every invariant of CONTRACT section 8 over what the campaign started."""
