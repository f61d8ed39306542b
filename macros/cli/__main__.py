"""``python -m macros.cli``: the same as the ``actieplan`` command."""

import sys

from macros.cli import main

sys.exit(main())
