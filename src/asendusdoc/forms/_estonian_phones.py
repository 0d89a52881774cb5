"""Estonia's phone numbers as phonenumbers describes them (libphonenumber's metadata,
Apache-2.0), kept here as data so that checking a plain Estonian number needs no import of
phonenumbers, a good part of a validating process's start-up (issue 24).

Copied from ``phonenumbers.PhoneMetadata.metadata_for_region("EE")`` of phonenumbers 9.0.43;
``tests/forms/test_fast_paths.py`` fails when the installed phonenumbers says otherwise (then
copy its patterns here again). A number these patterns do not take goes to phonenumbers itself.
"""

from __future__ import annotations

__all__ = ["FORMATS", "GENERAL", "TYPES"]

GENERAL = r"8\d{9}|[4578]\d{7}|(?:[3-8]\d|90)\d{5}"
"""Every Estonian national number (the general description)."""

TYPES = (
    r"(?:3[23589]|4[3-8]|6\d|7[1-9]|88)\d{5}",
    r"(?:5\d{5}|8(?:1(?:0(?:0(?:00|[178]\d)|[3-9]\d\d)|(?:1(?:0[2-6]|1\d)|[2-79]\d\d)\d)|"
    r"2(?:0(?:0(?:00|4\d)|[1-7]\d\d)|(?:(?:[124-69]\d|3[5-9])\d|7(?:[0-79]\d|8[013-9])|"
    r"8(?:[2-6]\d|7[01]))\d)|[349]\d{4}))\d\d|5(?:(?:[02]\d|5[0-478])\d|1(?:[0-8]\d|95)|"
    r"6(?:4[0-4]|5[1-589]))\d{3}",
    r"800(?:(?:0\d\d|1)\d|[2-9])\d{3}",
    r"(?:40\d\d|900)\d{4}",
    r"70[0-2]\d{5}",
)
"""The national number patterns of the number types Estonia has (fixed line, mobile, toll free,
premium rate, VoIP), in phonenumbers' order."""

FORMATS: tuple[tuple[str | None, str, str], ...] = (
    (
        r"[369]|4[3-8]|5(?:[02]|1(?:[0-8]|95)|5[0-478]|6(?:4[0-4]|5[1-589]))|7[1-9]|88",
        r"(\d{3})(\d{4})",
        r"\1 \2",
    ),
    (r"[45]|8(?:00[1-9]|[1-49])", r"(\d{4})(\d{3,4})", r"\1 \2"),
    (r"7", r"(\d{2})(\d{2})(\d{4})", r"\1 \2 \3"),
    (r"8", r"(\d{4})(\d{3})(\d{3})", r"\1 \2 \3"),
)
"""The international formats, in order: the leading digits (phonenumbers' most precise pattern),
the groups, and the format with phonenumbers' back references."""
