"""Work that runs on its own: the weekly reviews that fall due, once each across all workers."""
