"""Shared plan editing: a clinician's change to a person's plan, as a new, reasoned version."""
