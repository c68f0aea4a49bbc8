"""Clinical safety tests: written vignettes checked against the triage ladder.

The ladder is section 5 of docs/clinical-evidence.md.
"""
