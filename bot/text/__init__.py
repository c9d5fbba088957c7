"""Language toolkit that knows no course: normalising, word lists, spelling, snippets."""
