class StorageError(Exception):
    """A database file cannot be used; the message is one line for the user."""
