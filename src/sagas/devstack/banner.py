"""What ``sagas dev`` prints: the stack's URLs once it is up, and its one-line news."""

from __future__ import annotations

from sagas.devstack.plan import Plan


def banner(plan: Plan) -> str:
    s = plan.settings
    rows = [
        ("API", plan.api_url),
        ("API docs", f"{plan.api_url}/docs"),
        ("Temporal UI", plan.ui_url),
        ("Temporal", f"{plan.temporal_address}  namespace {s.temporal_namespace}, "
                     f"task queue {s.temporal_task_queue}"),
    ]  # fmt: skip
    if plan.sim_on:
        rows.append(("PSP simulator", f"{plan.sim_url}  (Stripe /stripe, Razorpay /razorpay)"))
    else:
        rows.append(("PSPs", "real Stripe and Razorpay (PSP_SIMULATOR=off)"))
    rows.append(("Data", str(plan.data_dir)))
    lines = ["", "sagas dev: the stack is up", *(f"  {k:<16}{v}" for k, v in rows)]
    lines += ["Press Ctrl-C to stop everything.", ""]
    return "\n".join(lines)


def say(message: str) -> None:
    print(f"sagas dev: {message}", flush=True)
