"""The weekly case review: a clinic's or one person's team's meeting, its agenda, summaries,
decisions and minutes."""
