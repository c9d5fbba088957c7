"""Discord: /modules, /module and /section."""
