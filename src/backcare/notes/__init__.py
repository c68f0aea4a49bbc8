"""Clinical notes: per discipline, with who may read them, signed and then only amended."""
