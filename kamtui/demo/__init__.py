"""The demo portfolios: the small story portfolio shipped as CSV files in `data/`
(loaded by `load`), and the large generated one (`large`).

`data/` is package data, so `kamtui demo` works from a wheel, pip or pipx
install as well as from a checkout. It is written by sample_data/generate.py;
never edit the CSV files by hand."""

from __future__ import annotations

from pathlib import Path

# Wheels install unpacked, so the files are real paths next to this module.
DATA_DIR = Path(__file__).resolve().parent / "data"
