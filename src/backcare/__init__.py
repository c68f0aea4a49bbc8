"""Backcare: care for low back pain."""
