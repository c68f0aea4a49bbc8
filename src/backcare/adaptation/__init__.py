"""Adaptation on the store: run the reviews on a patient's history and keep what they change."""
