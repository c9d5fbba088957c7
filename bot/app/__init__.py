"""The composition root: one loaded course with its search and quizzes, reloaded whole."""
