"""``python -m gilint``: the same as the ``gilint`` command."""

import sys

from gilint.cli import main

sys.exit(main())
