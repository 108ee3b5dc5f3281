"""The ``sagas`` command: the whole stack (``dev``) or one part of it each.

Every command builds one :class:`~sagas.settings.Settings` from the environment and
imports what it runs only when it runs, so ``sagas --help`` works without the parts
installed and a failing import names the part that failed.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Annotated, NoReturn

import typer

from sagas.settings import Settings

app = typer.Typer(
    help="Payment sagas: checkout, refund and subscription flows on Temporal.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _settings() -> Settings:
    try:
        return Settings()
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        typer.echo(f"sagas: invalid settings: {exc}", err=True)
        raise typer.Exit(2) from None


@app.command()
def dev(
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Folder for the stack's state (env SAGAS_DATA_DIR; default .sagas)."),
    ] = None,
) -> None:
    """Start the whole stack: Temporal dev server, migrations, PSP simulator, worker, API."""
    from sagas.devstack.run import run

    settings = _settings()
    if data_dir is not None:
        settings = settings.model_copy(update={"sagas_data_dir": data_dir})
    raise typer.Exit(run(settings))


@app.command()
def api() -> None:
    """Serve the HTTP API under uvicorn (API_HOST, API_PORT)."""
    import uvicorn

    from sagas.observability.logs import configure_logging

    settings = _settings()
    configure_logging(settings.effective_log_format, settings.log_level)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=settings.api_host,
        port=settings.api_port,
        proxy_headers=True,
        log_config=None,  # keep configure_logging's format (JSON in production)
    )
    _exit_now(0)


def _exit_now(code: int) -> NoReturn:
    """Exit without interpreter finalization, once the part has shut down cleanly.

    The Temporal client's Rust threads can outlive the event loop, and CPython's
    finalization then aborts the process ("PyGILState_Release: thread state ... must be
    current", temporalio/sdk-python#300), turning a clean stop into exit 134.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _raise_interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@app.command()
def worker() -> None:
    """Run the Temporal worker: every workflow and activity, on TEMPORAL_TASK_QUEUE."""
    from sagas.worker_main import run_worker

    settings = _settings()
    # SIGTERM (sagas dev, docker stop) ends the worker like Ctrl-C: asyncio.run cancels
    # the worker task, which shuts the worker down instead of dying mid-task.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        asyncio.run(run_worker(settings))
    except KeyboardInterrupt:
        typer.echo("worker stopped", err=True)
    _exit_now(0)


@app.command()
def sim() -> None:
    """Serve the PSP simulator (Stripe under /stripe, Razorpay under /razorpay)."""
    try:
        from pspsim.config import SimConfig
        from pspsim.server import serve
    except ImportError as exc:
        typer.echo(f"sagas sim: the PSP simulator is not available ({exc})", err=True)
        raise typer.Exit(2) from None

    settings = _settings()
    api = f"http://127.0.0.1:{settings.api_port}"
    stripe_key = settings.stripe_api_key
    razorpay_secret = settings.razorpay_key_secret
    serve(
        SimConfig(
            host="127.0.0.1",
            port=settings.psp_sim_port,
            stripe_api_keys=[stripe_key.get_secret_value()] if stripe_key else [],
            stripe_webhook_secret=settings.stripe_webhook_secret.get_secret_value(),
            stripe_webhook_url=f"{api}/webhooks/stripe",
            razorpay_key_id=settings.razorpay_key_id or "",
            razorpay_key_secret=razorpay_secret.get_secret_value() if razorpay_secret else "",
            razorpay_webhook_secret=settings.razorpay_webhook_secret.get_secret_value(),
            razorpay_webhook_url=f"{api}/webhooks/razorpay",
            seconds_per_day=int(
                os.environ.get("SIM_SECONDS_PER_DAY") or settings.sagas_dev_seconds_per_day
            ),
        )
    )


#: Options of the commands that run a stack or attach to a running one (bench, chaos).
AttachApi = Annotated[
    str | None, typer.Option(help="Attach to a running API instead of starting a stack.")
]
AttachSim = Annotated[
    str | None, typer.Option(help="The simulator when attaching (default :PSP_SIM_PORT).")
]


@app.command()
def bench(
    count: Annotated[
        int, typer.Option(min=1, max=100_000, help="Flows (or deliveries) to run.")
    ] = 50,
    concurrency: Annotated[
        int, typer.Option(min=1, max=512, help="Flows in flight (connections for --webhooks).")
    ] = 8,
    gateway: Annotated[str, typer.Option(help="stripe (PaymentIntent) or razorpay (Order).")] = (
        "stripe"
    ),
    ceiling: Annotated[
        bool,
        typer.Option("--ceiling", help="Also run the same-shaped no-op saga; print the ratio."),
    ] = False,
    webhooks: Annotated[
        bool,
        typer.Option(
            "--webhooks", help="Webhook ingest against a bare endpoint that only signals."
        ),
    ] = False,
    webhook_flows: Annotated[
        int, typer.Option(min=1, max=1000, help="Running checkouts the deliveries are for.")
    ] = 50,
    api_url: AttachApi = None,
    sim_url: AttachSim = None,
    worker_pid: Annotated[int | None, typer.Option(help="Worker pid (memory, CPU).")] = None,
    api_pid: Annotated[int | None, typer.Option(help="API pid (memory, CPU).")] = None,
    temporal_pid: Annotated[int | None, typer.Option(help="Temporal server pid (CPU).")] = None,
    sim_pid: Annotated[int | None, typer.Option(help="Simulator pid (CPU).")] = None,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds one flow may take.")] = 60,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, not a table.")] = False,
    verbose: Annotated[bool, typer.Option(help="Show the embedded stack's logs.")] = False,
) -> None:
    """Benchmark checkouts end to end (create, pay at the simulator, wait for fulfilled),
    against the same-shaped no-op saga (--ceiling) and webhook ingest (--webhooks)."""
    from sagas.bench.cli import Plan, run_bench

    plan = Plan(
        count=count,
        concurrency=concurrency,
        gateway=gateway,
        timeout_s=timeout,
        ceiling=ceiling,
        webhooks=webhooks,
        webhook_flows=webhook_flows,
    )
    pids = {"worker": worker_pid, "api": api_pid, "temporal": temporal_pid, "sim": sim_pid}
    raise typer.Exit(
        run_bench(
            _settings(),
            plan,
            api_url=api_url,
            sim_url=sim_url,
            pids=pids,
            as_json=as_json,
            verbose=verbose,
        )
    )


@app.command()
def chaos(
    checkouts: Annotated[int, typer.Option(min=0, max=100_000, help="Checkouts to run.")] = 1000,
    refunds: Annotated[int, typer.Option(min=0, max=100_000, help="Refunds on paid orders.")] = 200,
    subscriptions: Annotated[int, typer.Option(min=0, max=10_000, help="Subscriptions.")] = 50,
    seed: Annotated[
        int | None, typer.Option(help="Seed of the mix and the fault draws (random if unset).")
    ] = None,
    duration: Annotated[
        float, typer.Option(min=30, help="Hard bound on the whole run, in seconds.")
    ] = 1800,
    concurrency: Annotated[int, typer.Option(min=1, max=256, help="Flows in flight.")] = 16,
    worker_kill_every: Annotated[
        float, typer.Option(min=0, help="Kill the worker every N seconds (0: never).")
    ] = 30,
    temporal_restart: Annotated[
        bool, typer.Option(help="Restart the Temporal server once during the load.")
    ] = True,
    api_url: AttachApi = None,
    sim_url: AttachSim = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, not a report.")] = False,
    verbose: Annotated[bool, typer.Option(help="Show the embedded stack's logs.")] = False,
) -> None:
    """Chaos campaign: flows under PSP faults, worker kills and a Temporal restart, then
    every invariant of CONTRACT section 8 checked. Exit 0 only with nothing broken."""
    import secrets

    from sagas.chaos.cli import run_chaos
    from sagas.chaos.options import Options

    opts = Options(
        checkouts=checkouts,
        refunds=refunds,
        subscriptions=subscriptions,
        seed=seed if seed is not None else secrets.randbelow(2**31),
        duration_s=duration,
        concurrency=concurrency,
        worker_kill_every_s=worker_kill_every,
        temporal_restart=temporal_restart,
    )
    code = run_chaos(
        _settings(), opts, api_url=api_url, sim_url=sim_url, as_json=as_json, verbose=verbose
    )
    _exit_now(code)


@app.command()
def migrate() -> None:
    """Apply the database migrations to DATABASE_URL (SQLite or PostgreSQL)."""
    from sagas.db.migrate import upgrade

    upgrade(_settings().database_url)
    typer.echo("migrations applied", err=True)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
