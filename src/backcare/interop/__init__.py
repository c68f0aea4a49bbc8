"""Records that travel to and from other systems (FHIR R4B)."""
