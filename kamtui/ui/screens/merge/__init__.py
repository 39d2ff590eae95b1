"""Merging two accounts or two people from the app: the dialog (preview,
swap, confirm), the account picker it starts from, and the palette's
"merge:" commands."""
