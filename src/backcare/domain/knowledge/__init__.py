"""The clinical knowledge as the domain sees it: entries, rules, routes and thresholds.

Pure data and the objects built from it; no file is read here. ``backcare.knowledge.loader``
reads the YAML shipped in ``backcare/knowledge`` and builds a ``Knowledge`` (model.py) that
the planner, triage and the weekly review receive as an argument.
"""
