"""The progress line on a terminal, and its silence in a pipe."""

from __future__ import annotations


def test_progress_line_on_a_terminal_and_quiet_in_a_pipe() -> None:
    import io

    from kamtui.progress import ProgressLine

    clock = iter([0.0, 0.05, 1.0, 2.0, 3.0]).__next__
    stream = io.StringIO()
    line = ProgressLine("reading f.csv", stream=stream, tty=True, clock=clock)
    line(10, 100)  # too soon after start: skipped
    line(50, 100)
    assert stream.getvalue() == "\r\x1b[2Kreading f.csv:  50% (50 of ~100 rows)"
    line(100, 100)
    assert stream.getvalue().endswith("\r\x1b[2K")  # erased when done
    pipe = io.StringIO()
    quiet = ProgressLine("x", stream=pipe, tty=False, clock=iter([0.0, 1.0, 2.0]).__next__)
    quiet(1, 10)
    quiet(10, 10)
    assert pipe.getvalue() == ""
