"""The command line: ``python -m bot`` and its sub-commands."""
