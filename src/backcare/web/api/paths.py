"""Where the API lives: every API router's prefix starts here."""

from __future__ import annotations

API_V1 = "/api/v1"
