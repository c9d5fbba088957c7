"""Discord: /progress and /leaderboard."""
