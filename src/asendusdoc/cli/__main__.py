"""``python -m asendusdoc.cli``."""

import sys

from asendusdoc.cli import main

sys.exit(main())
