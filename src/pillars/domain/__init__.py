"""Pure calculations and rules. Never imports Django, never reads the clock."""
