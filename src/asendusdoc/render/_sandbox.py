"""The Jinja environment DOCX templates are filled in: safe, bounded, and literal.

- Jinja's sandbox blocks attribute tricks and caps ``range`` at 100,000 items; an expression that
  would build a huge text, list or power is refused before it is built: ``*`` and ``**``, a
  width or padding (``center``, ``ljust``, ``indent``, ``zfill``, ``%`` and ``format`` specs),
  ``replace``, ``join``, ``batch`` and ``slice`` (:func:`_check_build`).
- Filling a template has a time limit and an output limit (:data:`TEMPLATE_TIME_LIMIT_SECONDS`,
  :data:`MAX_TEMPLATE_OUTPUT_CHARS`): a custom template with loops inside loops, or one that
  repeats text without end, stops with :class:`TemplateLimitExceeded`. The check runs in the
  rendering thread: the code generator makes every loop iteration, every loop filter and every
  macro call count (its template text included), and every printed value counts its length.
- Every printed value is XML-escaped with its braces as character references, so docxtpl's
  ``{_{ }_}`` / ``{_% %_}`` replacement after rendering never changes a value.
"""

from __future__ import annotations

import functools
import re
import string
import time
import types
from collections.abc import Callable
from typing import Any, cast

import markupsafe
from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

__all__ = [
    "MAX_TEMPLATE_OUTPUT_CHARS",
    "MAX_TEMPLATE_VALUE_CHARS",
    "TEMPLATE_TIME_LIMIT_SECONDS",
    "BoundedSandbox",
    "TemplateLimitExceeded",
]

MAX_TEMPLATE_VALUE_CHARS = 1_000_000
"""The longest text or list a template expression may build (``'a' * 10**9`` is refused)."""

TEMPLATE_TIME_LIMIT_SECONDS = 60.0
"""How long filling one document's template may take. The shipped templates fill the largest
form the limits allow (a 5,000-entry diary of long entries) in about 2 seconds."""

MAX_TEMPLATE_OUTPUT_CHARS = 64_000_000
"""How much XML filling one document's template may write: four times what the shipped
templates write for the largest form the limits allow (16 million characters)."""

_TICK = "asendusdoc_tick"


class TemplateLimitExceeded(SecurityError):
    """Filling a template took too long (``limit == "time"``) or wrote too much (``"size"``)."""

    def __init__(self, limit: str) -> None:
        super().__init__(f"the template exceeds its {limit} limit")
        self.limit = limit


def _too_large(size: int) -> None:
    if size > MAX_TEMPLATE_VALUE_CHARS:
        raise SecurityError("the value is too large")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\d+|\*)?(?:\.(\d+|\*))?")


def _check_percent(template: str, values: Any) -> None:
    """A ``%`` format may not pad a value wider than the limit (``'%1000000000d' % 1``)."""
    for match in _PERCENT_SPEC.finditer(template):
        for number in match.groups():
            if number == "*":
                items = values if isinstance(values, tuple) else (values,)
                for item in items:
                    if isinstance(item, int):
                        _too_large(abs(item))
            elif number:
                _too_large(int(number))


def _check_format(template: str) -> None:
    """A ``str.format`` template may not pad wider than the limit, nor take a width from its
    arguments (``'{:1000000000}'``, ``'{:{}}'``)."""
    for _text, _field, spec, _conversion in string.Formatter().parse(template):
        if spec:
            if "{" in spec:
                raise SecurityError("a format width from the arguments is not allowed")
            for number in re.findall(r"\d+", spec):
                _too_large(int(number))


def _as_int(value: Any) -> int:
    return len(value) if isinstance(value, str) else value if isinstance(value, int) else 0


def _check_build(name: str, target: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a call of str method or filter ``name`` on ``target`` that would build a value
    over the limit; returns ``args`` (an iterable argument of ``join`` made a list)."""
    text = target if isinstance(target, str) else ""
    if name in ("center", "ljust", "rjust", "zfill", "batch", "slice") and args:
        _too_large(_as_int(args[0]))
    elif name == "indent" and args:
        _too_large(len(text) + (text.count("\n") + 1) * _as_int(args[0]))
    elif name == "expandtabs" and args:
        _too_large(len(text) + text.count("\t") * _as_int(args[0]))
    elif name == "replace" and len(args) >= 2 and isinstance(target, str):
        old, new = str(args[0]), str(args[1])
        found = target.count(old) if old else len(target) + 1
        _too_large(len(target) + found * max(0, len(new) - len(old)))
    elif name == "join" and args:
        items = list(args[0])
        _too_large(sum(len(str(item)) for item in items) + len(text) * len(items))
        args = (items, *args[1:])
    return args


_BUILDING_FILTERS = ("center", "indent", "replace", "join", "batch", "slice", "format")


def _bounded_filter(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that checks its arguments with :func:`_check_build` before it runs."""
    passes_context = hasattr(original, "jinja_pass_arg")

    @functools.wraps(original)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        head, (value, *rest) = (args[:1], args[1:]) if passes_context else ((), args)
        if name == "format":
            if isinstance(value, str):
                _check_percent(value, tuple(rest) or kwargs)
            return original(*args, **kwargs)
        if name == "join":
            joined = list(value)
            separator = str(rest[0] if rest else kwargs.get("d", ""))
            if len(rest) > 1 or "attribute" in kwargs:  # joins an attribute: its separators
                _too_large(len(separator) * len(joined))
            else:
                _check_build("join", separator, (joined,))
            return original(*head, joined, *rest, **kwargs)
        if name in ("batch", "slice"):
            _check_build(name, value, tuple(rest) or tuple(kwargs.values())[:1])
        else:
            _check_build(name, str(value), tuple(rest) or tuple(kwargs.values())[:1])
        return original(*args, **kwargs)

    return bounded


def _literal_chars(body: list[nodes.Node]) -> int:
    """The template text one run of ``body`` writes, loops and macros inside it not counted
    (their own runs count it); both branches of a condition count, so it may be over."""
    total = 0
    pending: list[nodes.Node] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif isinstance(node, nodes.For):
            pending.extend(node.else_)
        elif not isinstance(node, nodes.Macro | nodes.CallBlock):
            pending.extend(node.iter_child_nodes())
    return total


def _tick_call(chars: int, lineno: int) -> nodes.Call:
    call = nodes.Call(nodes.EnvironmentAttribute(_TICK), [nodes.Const(chars)], [], None, None)
    call.set_lineno(lineno)
    return call


def _counted(body: list[nodes.Node], lineno: int) -> list[nodes.Node]:
    statement = nodes.ExprStmt(_tick_call(_literal_chars(body), lineno))
    statement.set_lineno(lineno)
    return [statement, *body]


class _CountingCodeGenerator(CodeGenerator):
    """Jinja's code generator, with a call to the environment's clock and meter at the start of
    every loop body, in every loop filter, and at the start of every macro and call block."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node.body = _counted(node.body, node.lineno)
        if node.test is not None:
            node.test = nodes.And(_tick_call(0, node.lineno), node.test, lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Macro(self, node: nodes.Macro, frame: Frame) -> None:
        node.body = _counted(node.body, node.lineno)
        super().visit_Macro(node, frame)

    def visit_CallBlock(self, node: nodes.CallBlock, frame: Frame) -> None:
        node.body = _counted(node.body, node.lineno)
        super().visit_CallBlock(node, frame)


@pass_context
def _print(context: Context, value: Any) -> Any:
    """A printed value, XML-escaped, its braces as ``&#123;`` / ``&#125;``; counted.

    Markup too: braces mean nothing to XML, and a value printed through ``|e`` would otherwise
    lose its ``{_{`` to docxtpl."""
    escaped = str(markupsafe.escape(value))  # Markup (``|e``, ``|safe``) as it is
    value = markupsafe.Markup(escaped.replace("{", "&#123;").replace("}", "&#125;"))
    cast(BoundedSandbox, context.environment).asendusdoc_tick(len(value))
    return value


_COMPILED: dict[tuple[str, str | None, str | None, bool, bool], Any] = {}
_COMPILED_MAX = 128
"""Compiled template parts (code objects), by source: the shipped templates' 60 parts fit."""


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox with a clock and an output meter, started when it is made: make one per
    document."""

    code_generator_class = _CountingCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_print, **options)
        self._deadline = time.monotonic() + TEMPLATE_TIME_LIMIT_SECONDS
        self._output_left = MAX_TEMPLATE_OUTPUT_CHARS
        for name in _BUILDING_FILTERS:
            self.filters[name] = _bounded_filter(name, self.filters[name])

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Jinja's sandboxed call; a str method that would build a huge text is refused."""
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(__obj.__self__, str):
            args = _check_build(__obj.__name__, __obj.__self__, args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed ``str.format``, its widths checked first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format(value.__self__)
        return wrapped

    def asendusdoc_tick(self, chars: int) -> bool:
        """Count ``chars`` written; raise when the output or the time is over its limit."""
        self._output_left -= chars
        if self._output_left < 0:
            raise TemplateLimitExceeded("size")
        if time.monotonic() > self._deadline:
            raise TemplateLimitExceeded("time")
        return True

    def compile(
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's compile, remembered by the source: docxtpl compiles a template's XML parts on
        every render, about half of a document's time. The code is the same for every sandbox
        (the clock and the meter are the environment's, read when the code runs)."""
        if raw or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
        key = (source, name, filename, defer_init, bool(self.autoescape))
        code = _COMPILED.get(key)
        if code is None:
            code = super().compile(source, name, filename, False, defer_init)
            if len(_COMPILED) >= _COMPILED_MAX:
                _COMPILED.pop(next(iter(_COMPILED)))
            _COMPILED[key] = code
        return code

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise SecurityError("the power is too large")
        if operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        if operator == "*":
            for size, count in ((left, right), (right, left)):
                building = isinstance(size, str | list | tuple) and isinstance(count, int)
                if building and len(size) * count > MAX_TEMPLATE_VALUE_CHARS:
                    raise SecurityError("the value is too large")
        return super().call_binop(context, operator, left, right)
