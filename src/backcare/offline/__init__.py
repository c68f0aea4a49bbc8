"""Writes sent again after being offline: an Idempotency-Key makes a replay a no-op."""
