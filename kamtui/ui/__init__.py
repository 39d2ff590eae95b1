"""The Textual interface."""

import os

# Textual draws at most TEXTUAL_FPS frames a second (60 by default) and, a
# frame after another, waits one to two frame periods: a key pressed just
# after a frame (the previous key's, the cursor's blink) showed 17-33 ms late.
# At 120 that wait is 8-17 ms; frames are still only drawn when something
# changed. Set before Textual is imported (it reads it once); the user's own
# TEXTUAL_FPS wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
