"""Tracking: daily check-ins, session logs, outcome measures and alerts."""
