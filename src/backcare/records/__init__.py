"""Records that travel: exports (FHIR, CSV, PDF report), imports, backup and restore."""
