"""Entry point of the frozen app: PyInstaller runs this file as ``__main__``.

It lives outside the package so the analysis does not put ``claimdesk/`` itself on the path
(where ``config.py`` or ``errors.py`` could shadow other top-level modules).
"""

import sys

from claimdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
