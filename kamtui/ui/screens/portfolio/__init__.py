"""The portfolio: every account with its headline figures."""
