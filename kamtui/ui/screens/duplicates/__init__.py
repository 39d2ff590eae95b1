"""The Duplicates screen (suspected duplicate accounts and people)."""
