"""Message threads between a person and their care team, with unread counts per reader."""
