#!/bin/sh
# Extract the messages of asendusdoc, merge them into the Estonian and Russian catalogs and
# compile the .mo files that the package ships. Run after changing any message; commit the
# .po and .mo files with the change (tests/i18n fails on a missing translation or a stale .mo).
#
#   tools/update_catalogs.sh            extract + update + compile
#   tools/update_catalogs.sh compile    compile only (after editing translations)
set -eu
cd "$(dirname "$0")/.."

LOCALE=src/asendusdoc/i18n/locale
POT=$(mktemp "${TMPDIR:-/tmp}/asendusdoc.XXXXXX.pot")
trap 'rm -f "$POT"' EXIT

if [ "${1:-}" != "compile" ]; then
    pybabel extract -F babel.cfg --no-default-keywords \
        -k _ -k gettext -k ngettext:1,2 -k N_ -k N_plural:1,2 \
        -k RuleViolation:3 -k PydanticCustomError:2 \
        -k AsendusdocError:1 -k InputError:1 -k EncryptionError:1 -k OutputError:1 \
        -k TemplateError:1 -k RenderError:1 -k SignatureError:1 \
        --project asendusdoc --no-wrap --sort-by-file --omit-header -o "$POT" src/asendusdoc
    # babel glues the literal pieces of an f-string call into a fragment ("and check its
    # spelling."): such text is never looked up at run time, so keep only msgids that are a
    # whole string literal in their source file.
    python - "$POT" <<'PY'
import ast
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

pot_path = sys.argv[1]
with open(pot_path, "rb") as handle:
    catalog = read_po(handle)
literals: dict[str, set[str]] = {}


def literals_of(name: str) -> set[str]:
    if name not in literals:
        tree = ast.parse(Path(name).read_text(encoding="utf-8"))
        inside_fstring = {
            id(value) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
            for value in node.values
        }
        literals[name] = {
            node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in inside_fstring
        }
    return literals[name]


for message in list(catalog):
    if not message.id:
        continue
    text = message.id[0] if isinstance(message.id, tuple) else message.id
    if not any(text in literals_of(name) for name, _line in message.locations):
        print(f"skipped fragment: {text!r}", file=sys.stderr)
        catalog.delete(message.id)
with open(pot_path, "wb") as handle:
    write_po(handle, catalog, width=0, sort_by_file=True, omit_header=True)
PY
    for lang in et ru; do
        if [ -f "$LOCALE/$lang/LC_MESSAGES/asendusdoc.po" ]; then
            pybabel update -i "$POT" -d "$LOCALE" -D asendusdoc -l "$lang" \
                --no-wrap --ignore-obsolete --no-fuzzy-matching
        else
            pybabel init -i "$POT" -d "$LOCALE" -D asendusdoc -l "$lang" --no-wrap
        fi
    done
fi
pybabel compile -d "$LOCALE" -D asendusdoc --statistics
