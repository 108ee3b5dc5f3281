"""The report as a readable table: what ran, the faults, each invariant, the verdict."""

from __future__ import annotations

from .invariant import EXAMPLES, NAMES
from .report import Report


def to_text(report: Report) -> str:
    c = report.counts
    lines = [
        f"sagas chaos: seed {report.seed}, {report.elapsed_s:.0f} s"
        + ("" if report.complete else " (INCOMPLETE: cut by --duration)"),
        "",
        "flows (started -> how they ended)",
    ]
    for kind in ("checkouts", "refunds", "subscriptions"):
        row = c.get(kind, {})
        ended = ", ".join(f"{k} {v}" for k, v in sorted(row.get("ended", {}).items()))
        lines.append(f"  {kind:<14}{row.get('started', 0):>6}  -> {ended or '-'}")
    if c.get("refused"):
        lines.append(f"  refused       {c['refused']} (never accepted; the first ones below)")
        lines += [f"    - {r}" for r in c.get("refused_examples", [])[:3]]
    f = report.faults
    lines += [
        "",
        "faults",
        f"  settings      {f.get('settings')}",
        f"  webhooks      {f.get('deliveries', 0)} delivered, {f.get('dropped', 0)} dropped, "
        f"{f.get('duplicated', 0)} duplicated",
        f"  processes     {f.get('worker_kills', 0)} worker kills, "
        f"{f.get('temporal_restarts', 0)} Temporal restart(s)",
        f"  sweeps        {f.get('sweeps', 0)} run, repaired {f.get('repaired', {})}",
    ]
    if f.get("skipped"):
        lines.append(f"  not injected  {', '.join(f['skipped'])} (unknown to this simulator)")
    lines += ["", "invariants (CONTRACT section 8)"]
    for inv in report.invariants:
        mark = "ok " if not inv.violations else "BROKEN"
        note = f"  ({inv.note})" if inv.note else ""
        lines.append(
            f"  {inv.number:>2} {mark:<6} {len(inv.violations):>4}  {NAMES[inv.number]}{note}"
        )
        lines += [f"            - {v}" for v in inv.violations[:EXAMPLES]]
    for p in report.problems:
        lines.append(f"  ! {p}")
    verdict = "nothing broken" if report.exit_code == 0 else f"{report.broken} broken"
    lines += ["", f"verdict: {verdict}"]
    return "\n".join(lines)
