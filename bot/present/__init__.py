"""Plain-text and JSON presentation shared by every front end."""
