"""The plan generator (contract 3)."""
