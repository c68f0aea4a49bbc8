"""Clinical safety tests: written vignettes checked against the triage ladder of CLINICAL.md."""
