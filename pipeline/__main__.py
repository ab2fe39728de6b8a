"""``python -m pipeline``: the ``xlkb`` command line (``run`` builds the KB without Prefect)."""

import sys

from pipeline.cli import main

sys.exit(main())
