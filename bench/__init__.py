"""Culture Room's measuring harness (issue 7): ``python -m bench [scenario]`` or ``make bench``.

Real daphne processes, real websocket clients: simulated phones join a room over HTTP, open
the room socket and listen, while notes are added; the figures land in
``bench/results/<scenario>.json``. See docs/benchmarks.md.
"""
