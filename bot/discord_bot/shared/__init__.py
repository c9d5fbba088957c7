"""Discord helpers every feature uses: checks, sending, rendering, state."""
