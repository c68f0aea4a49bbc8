"""Assessments (immutable intake, triage and classification snapshots) and plan versions."""
