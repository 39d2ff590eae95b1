"""Forms and dialogs that create or edit records."""
