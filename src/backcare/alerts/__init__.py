"""The alert workflow: a clinician in the team acknowledges an alert, then resolves it."""
