"""Reminders in the person's own calendar: a secret feed URL and a one-off .ics file."""
