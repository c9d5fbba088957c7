"""``/stats`` for TAs and the weekly digest."""
