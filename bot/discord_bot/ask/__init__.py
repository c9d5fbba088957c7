"""Discord: /ask, mentions, answer buttons and feedback."""
