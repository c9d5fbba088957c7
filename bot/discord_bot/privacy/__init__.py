"""Discord: /privacy export and delete."""
