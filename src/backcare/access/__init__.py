"""Who may reach which record: the one policy, care access (membership) and break-glass."""
