"""The account screen and its tabs."""
