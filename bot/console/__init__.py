"""The terminal front end: the chat and the terminal quiz."""
