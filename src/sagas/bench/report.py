"""What ``sagas bench`` prints: the checkouts, the no-op ceiling beside them and their
ratio, the webhook ingest against a bare endpoint: a table, or the same as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sagas.bench.stats import Result, percentile
from sagas.bench.webhooks.stats import IngestResult

GOALS = {"throughput": 0.8, "webhooks": 0.7}


@dataclass
class Report:
    product: Result | None = None
    ceiling: Result | None = None
    product_webhooks: IngestResult | None = None
    bare_webhooks: IngestResult | None = None

    def ratios(self) -> dict[str, float | None]:
        p, c = self.product, self.ceiling
        if p is None or c is None:
            return {}
        return {
            "throughput": _div(p.throughput, c.throughput),
            "create_to_fulfilled_p50": _div(_p(p.total_ms, 50), _p(c.total_ms, 50)),
            "create_to_201_p99": _div(_p(p.create_ms, 99), _p(c.create_ms, 99)),
        }

    def webhook_ratio(self) -> float | None:
        if self.product_webhooks is None or self.bare_webhooks is None:
            return None
        return _div(self.product_webhooks.rate, self.bare_webhooks.rate)

    def failed(self) -> bool:
        phases = [self.product, self.ceiling]
        return any(r is not None and r.failures for r in phases) or any(
            w is not None and w.failed for w in (self.product_webhooks, self.bare_webhooks)
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = self.product.summary() if self.product else {}
        if self.ceiling is not None:
            ratios = self.ratios()
            out |= {"ceiling": self.ceiling.summary(), "ratio": ratios["throughput"]}
            out["ratios"] = ratios | {"goal_throughput": GOALS["throughput"]}
        if self.product_webhooks is not None and self.bare_webhooks is not None:
            out["webhooks"] = {
                "product": self.product_webhooks.summary(),
                "bare": self.bare_webhooks.summary(),
                "ratio": self.webhook_ratio(),
                "goal": GOALS["webhooks"],
            }
        return out


def _p(xs: list[float], pct: float) -> float | None:
    return percentile(xs, pct)


def _div(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def to_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2)


def _cell(x: float | None) -> str:
    return "-" if x is None else f"{x:.0f}"


def _row(label: str, xs: list[float]) -> str:
    cells = [percentile(xs, p) for p in (50, 95, 99)] + [max(xs) if xs else None]
    return f"  {label:<28}" + "".join(f"{_cell(x):>9}" for x in cells)


def _latencies(p: Result | None, c: Result | None) -> list[str]:
    lines = [f"  {'latency (ms)':<28}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}"]
    rows = (
        ("create -> 201", "no-op: update-with-start", "create_ms"),
        ("pay -> fulfilled", "no-op: signal -> result", "settle_ms"),
        ("create -> fulfilled", "no-op: start -> result", "total_ms"),
    )
    for label, noop_label, attr in rows:
        if p is not None:
            lines.append(_row(label, getattr(p, attr)))
        if c is not None:
            lines.append(_row(noop_label if p is not None else label, getattr(c, attr)))
    return lines


def _cpu(p: Result | None, c: Result | None) -> list[str]:
    parts = list(dict.fromkeys([*(p.cpu_ms if p else {}), *(c.cpu_ms if c else {})]))
    if not parts:
        return ["  CPU per flow              n/a (no local process to read)"]
    lines = [f"  {'CPU per flow (ms)':<28}{'checkout':>10}{'no-op':>10}"]
    for part in parts:
        a = p.cpu_ms.get(part) if p else None
        b = c.cpu_ms.get(part) if c else None
        lines.append(f"    {part:<26}{_cell(a):>10}{_cell(b):>10}")
    return lines


def _memory(p: Result) -> list[str]:
    if not p.rss_mib:
        return ["  memory                    n/a (no local worker/API process to read)"]
    return [
        f"  {part + ' memory':<28}{mem['rss']:.0f} MiB RSS (peak {mem['peak']:.0f} MiB)"
        for part, mem in p.rss_mib.items()
    ]


def _head(r: Result, what: str) -> list[str]:
    return [
        f"sagas bench: {r.completed}/{r.count} {what} "
        f"({r.gateway}/{r.flow}, concurrency {r.concurrency}) in {r.wall_s:.2f} s",
        f"  completion seen by {r.watcher}; transport errors {r.transport_errors}",
    ]


def _failures(r: Result | None, what: str) -> list[str]:
    if r is None or not r.failures:
        return []
    return ["", f"  {len(r.failures)} {what} failed, first ones:"] + [
        f"    - {f}" for f in r.failures[:5]
    ]


def to_table(report: Report) -> str:
    p, c = report.product, report.ceiling
    lines: list[str] = []
    if p is not None:
        lines += _head(p, "checkouts fulfilled")
    if c is not None:
        lines += _head(c, "no-op sagas done (the ceiling)")
    if p is not None or c is not None:
        lines += ["", *_latencies(p, c), ""]
    if p is not None:
        lines.append(f"  throughput                  {p.throughput:.2f} checkouts/s (end to end)")
    if c is not None:
        lines.append(f"  ceiling                     {c.throughput:.2f} no-op sagas/s")
    if p is not None and c is not None:
        r = report.ratios()
        lines.append(
            f"  ratio                       {_fmt(r['throughput'])} of the ceiling "
            f"(goal >= {GOALS['throughput']}); p50 end to end "
            f"{_fmt(r['create_to_fulfilled_p50'])}x, create p99 {_fmt(r['create_to_201_p99'])}x"
        )
    if p is not None or c is not None:
        lines += ["", *_cpu(p, c)]
    if p is not None:
        lines += _memory(p)
    lines += _failures(p, "checkouts") + _failures(c, "no-op sagas")
    lines += _webhooks(report)
    return "\n".join(lines)


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _webhooks(report: Report) -> list[str]:
    w, b = report.product_webhooks, report.bare_webhooks
    if w is None or b is None:
        return []
    lines = [
        "",
        f"webhook ingest: {w.sent} signed deliveries to each endpoint, "
        f"{w.connections} connections, {w.flows} running checkouts",
        f"  {'':<28}{'per s':>9}{'p50':>9}{'p99':>9}{'max':>9}{'non-2xx':>9}{'errors':>9}",
    ]
    for label, x in (("POST /webhooks/stripe", w), ("bare endpoint (signal only)", b)):
        s = x.summary()
        lat = s["latency_ms"]
        lines.append(
            f"  {label:<28}{s['per_s']:>9.1f}{_cell(lat['p50']):>9}{_cell(lat['p99']):>9}"
            f"{_cell(lat['max']):>9}{s['non_2xx']:>9}{s['transport_errors']:>9}"
        )
    lines.append(
        f"  ratio                       {_fmt(report.webhook_ratio())} of the bare endpoint "
        f"(goal >= {GOALS['webhooks']})"
    )
    return lines
