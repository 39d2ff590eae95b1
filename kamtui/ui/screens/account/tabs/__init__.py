"""The account screen's tabs, one module each."""
