"""The progress report for a doctor or therapist: HTML with print CSS, rendered to PDF."""
