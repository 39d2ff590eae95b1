"""The Textual interface."""

from kamtui.ui import perf

# Before Textual is imported anywhere: it reads its frame rate once.
perf.set_frame_rate()
