"""Decoding of Stripe's form encoding: `metadata[k]=v`, `items[0][price]=p`, `expand[]=x`.

The SDK flattens nested params into bracketed keys; we rebuild the tree. A dict whose
keys are all digits becomes a list (ordered by index), `[]` appends to a list.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

_TOKEN = re.compile(r"\[([^\]]*)\]")


def _split(key: str) -> list[str]:
    head, _, rest = key.partition("[")
    if not rest:
        return [head]
    return [head, *_TOKEN.findall("[" + rest)]


def _listify(node: Any) -> Any:
    if isinstance(node, dict):
        converted = {k: _listify(v) for k, v in node.items()}
        if converted and all(k.isdigit() for k in converted):
            return [converted[k] for k in sorted(converted, key=int)]
        return converted
    if isinstance(node, list):
        return [_listify(v) for v in node]
    return node


def decode(body: str) -> dict[str, Any]:
    """Turn a form-encoded body or query string into nested dicts and lists of strings."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = _split(key)
        node: Any = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            nxt = None if last else parts[i + 1]
            if isinstance(node, list):  # only reached through `[]`
                if last:
                    node.append(value)
                    break
                child: Any = [] if nxt == "" else {}
                node.append(child)
                node = child
                continue
            if last:
                node[part] = value
            else:
                default: Any = [] if nxt == "" else {}
                if not isinstance(node.get(part), dict | list):
                    node[part] = default
                node = node[part]
    result: dict[str, Any] = _listify(root)
    return result
