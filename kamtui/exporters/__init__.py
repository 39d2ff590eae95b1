"""Writers: rows -> files, for `kamtui export`. Pure: no database (the rows
come from kamtui.storage through kamtui.services.export), no terminal.

`spec` names every file of an export and its columns (the columns the
matching importer reads, so an export imports back unchanged); `files`
writes them as CSV (plain, or for a Spanish-locale Excel) or JSON, and the
README.txt that describes them."""
