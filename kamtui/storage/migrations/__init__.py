"""The schema migrations, one module per group; kamtui.storage.schema lists
them in the order they run."""
