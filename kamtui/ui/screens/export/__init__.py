"""Export and backup from the app: the screen (palette: "data: export and
backup") and the backup offered when the app quits."""
