"""The care team: a person's consent (invitations, what is shared, revoking), the lead
clinician and its hand-over, clinics, and a clinician's caseload."""
