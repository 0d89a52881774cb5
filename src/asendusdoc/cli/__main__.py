"""``python -m asendusdoc.cli``."""

from asendusdoc.cli import run

run()
