"""Accounts, passwords, second factors, sign-in sessions, API tokens and one-time links."""
