"""Storage: engines, transactions, column types, the shared Base and migrations."""
