"""gamebot: survivor trivia from a packaged SQLite snapshot."""
