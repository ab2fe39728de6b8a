"""Makes the hand-made document helper (align_docs.py) importable from the test modules."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "align"))
