"""FHIR R4B export and import of a person's record: the one place Backcare speaks FHIR.

Resources are built and read only through the ``fhir.resources.R4B`` models, which are imported
lazily (loading them costs a noticeable fraction of a second). One small module per resource
family; ``export.py`` and ``importer.py`` are the two entry points.
"""
