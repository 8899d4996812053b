"""``python tests/fuzz/run.py ...``: the same as ``python -m tests.fuzz ...``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/: the package "fuzz"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))  # the project: pylua

from fuzz.cli import main  # noqa: E402

sys.exit(main())
