"""``python -m asendusdoc``."""

import sys

from asendusdoc.cli import main

sys.exit(main())
