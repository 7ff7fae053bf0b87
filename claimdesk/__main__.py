"""``python -m claimdesk``: the same as the ``claimdesk`` console script."""

import sys

from claimdesk.cli import main

sys.exit(main())
