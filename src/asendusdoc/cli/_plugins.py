"""No pydantic plugins in the command line's process, and no search for them (issue 24).

asendusdoc uses no pydantic plugin. Building the first model, pydantic looks for plugins in
every installed package's metadata unless ``PYDANTIC_DISABLE_PLUGINS`` says not to, and even
then its plugin loader imports :mod:`importlib.metadata` (and with it email, csv and zipfile),
a good part of the start-up of a command that validates one form. For the time of a command
(:func:`no_plugin_search`), the command line

* sets ``PYDANTIC_DISABLE_PLUGINS=__all__`` unless the user set it (the user's value holds),
  and puts the environment back after the command;
* stands in for pydantic's plugin loader (``pydantic.plugin._loader``, not yet imported) with
  one that answers "no plugins" while the variable turns every plugin off, as pydantic's own
  ``get_plugins`` does; asked anything else, or with plugins on, it hands over to pydantic's
  own loader, imported then.

The library never does either: importing asendusdoc changes nothing in a process.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Any

__all__ = ["no_plugin_search"]

VARIABLE = "PYDANTIC_DISABLE_PLUGINS"
_ALL_OFF = ("__all__", "1", "true")
"""The values with which pydantic loads no plugin at all (``pydantic.plugin._loader``)."""
_LOADER = "pydantic.plugin._loader"


class _StandInLoader(types.ModuleType):
    """pydantic's plugin loader while plugins are off: no plugins, without importlib.metadata."""

    def get_plugins(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get(VARIABLE) in _ALL_OFF:
            return ()
        return _pydantic_loader(self).get_plugins(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system's questions (__path__, ...): a module's
            raise AttributeError(name)
        return getattr(_pydantic_loader(self), name)


def _pydantic_loader(stand_in: types.ModuleType) -> Any:
    """pydantic's own plugin loader, imported in place of ``stand_in``."""
    if sys.modules.get(_LOADER) is stand_in:
        del sys.modules[_LOADER]
    return import_module(_LOADER)


@contextmanager
def no_plugin_search() -> Iterator[None]:
    """pydantic plugins off for the time of the block (unless the user's environment says
    otherwise), and pydantic's loader not imported while they are off."""
    before = os.environ.get(VARIABLE)
    if before is None:
        os.environ[VARIABLE] = "__all__"
    if os.environ[VARIABLE] in _ALL_OFF and _LOADER not in sys.modules:
        sys.modules[_LOADER] = _StandInLoader(_LOADER)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(VARIABLE, None)
