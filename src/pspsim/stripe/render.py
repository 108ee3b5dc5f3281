"""Rendering Stripe objects for the wire, including `expand[]`.

Expandable fields hold an id; `expand[]=latest_charge` or
`expand[]=latest_invoice.payments` swaps ids for the objects, recursively, as Stripe does.
"""

from __future__ import annotations

from typing import Any

from pspsim.store import Obj, render


def expand(obj: Obj, paths: list[str], objects: dict[str, Obj]) -> Obj:
    """Render `obj` and expand the dotted `paths` through `objects`."""
    out = render(obj)
    for path in paths:
        _expand_path(out, path.split("."), objects)
    return out


def _expand_path(node: Any, parts: list[str], objects: dict[str, Obj]) -> None:
    if not parts:
        return
    if isinstance(node, list):
        for item in node:
            _expand_path(item, parts, objects)
        return
    if not isinstance(node, dict):
        return
    head, rest = parts[0], parts[1:]
    value = node.get(head)
    if isinstance(value, str) and value in objects:
        value = render(objects[value])
        node[head] = value
    if rest:
        _expand_path(value, rest, objects)
