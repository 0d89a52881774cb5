"""``python -m asendusdoc``."""

from asendusdoc.cli import run

run()
