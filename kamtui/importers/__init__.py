"""Parsers: a CSV file -> validated rows, or ImportFailed listing every
problem as `FILE:LINE: column: reason`. They never see the database; where a
row names something stored, the caller (kamtui.services.imports) passes a
lookup."""
