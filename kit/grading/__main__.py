"""``python -m kit.grading``: the grader's command line, or with ``--one`` a worker (``kit.grading.worker``)."""

from __future__ import annotations

import sys

from .cli import main
from .worker import worker_main

if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        sys.exit(worker_main(sys.argv[2:]))
    sys.exit(main(sys.argv[1:]))
