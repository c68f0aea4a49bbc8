"""Patients: the person whose back pain Backcare follows, and their preferences."""
