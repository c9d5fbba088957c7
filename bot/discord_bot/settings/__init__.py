"""Discord: per-server settings."""
