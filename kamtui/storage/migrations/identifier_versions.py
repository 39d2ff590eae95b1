"""An account's identifiers are part of the account its edit form saves."""

from __future__ import annotations

# The account form saves the account's fields and its identifiers together,
# compare-and-set on the account's row version: any change to its
# identifiers (an import, the shell, another kamtui) moves that version on,
# so the form's save over it is a conflict the user sees, not a silent
# overwrite. Moving the version alone fires no search trigger (they name
# the columns they index).
IDENTIFIER_VERSIONS = (
    "identifiers move the account's version",
    """
CREATE TRIGGER account_identifiers_insert_version AFTER INSERT ON account_identifiers BEGIN
    UPDATE accounts SET version = version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER account_identifiers_update_version AFTER UPDATE ON account_identifiers BEGIN
    UPDATE accounts SET version = version + 1 WHERE id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER account_identifiers_delete_version AFTER DELETE ON account_identifiers BEGIN
    UPDATE accounts SET version = version + 1 WHERE id = OLD.account_id;
END;
""",
)
