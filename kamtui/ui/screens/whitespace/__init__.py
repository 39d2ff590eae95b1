"""Whitespace: accounts x categories."""
