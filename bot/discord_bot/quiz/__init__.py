"""Discord: solo and group quizzes."""
