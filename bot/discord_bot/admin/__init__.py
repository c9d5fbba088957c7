"""Discord: /reload and /unanswered for TAs."""
