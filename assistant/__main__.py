"""`python -m assistant` runs the command line (kept for compatibility; the CLI lives in the
front-end package :mod:`cli`, and nothing else in ``assistant`` imports a front end)."""

from cli.main import main

raise SystemExit(main())
