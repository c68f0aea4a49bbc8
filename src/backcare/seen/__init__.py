"""Leaving the emergency or urgent plan: "I have been seen", re-triage, and a clinician's
confirmation."""
