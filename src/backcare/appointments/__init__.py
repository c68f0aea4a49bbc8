"""Appointments: a clinician proposes times, the person accepts one; iCalendar downloads."""
