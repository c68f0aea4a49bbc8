"""Signing in on the web: credentials from requests, CSRF, and the one authorization guard."""
