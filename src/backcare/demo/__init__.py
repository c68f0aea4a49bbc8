"""Demo data: a few realistic patients with weeks of history, so a new user sees a living system."""
