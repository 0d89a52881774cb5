"""argparse's own words, marked for extraction so that our catalogs translate them.

argparse looks these msgids up with ``gettext.gettext`` (see
:func:`asendusdoc.cli._common.speaking`); they are argparse's exact English (Python 3.11 to
3.13), never shown from here. A msgid that a newer argparse words differently stays English
until it is added (tests/cli/test_help.py then fails).
"""

from __future__ import annotations

from asendusdoc.i18n import N_, N_plural

__all__ = ["ARGPARSE_WORDS"]

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_plural("expected %s argument", "expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)
"""Every msgid of argparse a caseworker can meet."""
