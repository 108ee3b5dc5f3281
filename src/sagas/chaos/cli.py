"""What ``sagas chaos`` does once its options are parsed: pick or start the stack, run the
campaign inside ``--duration``, print the report. Exit 0 only with nothing broken; 1 when
an invariant broke or the bound cut the run short; 2 when it could not run at all."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sagas.devstack.ready import NotReadyError
from sagas.settings import Settings

from . import campaign
from .admin_create import SetupError
from .options import Options
from .progress import Progress
from .report.as_json import to_json
from .report.as_text import to_text
from .stack import Controls, Target, attached, embedded


def _keys(settings: Settings) -> tuple[str, str]:
    keys = dict((role.value, key) for role, key in reversed(settings.api_keys()))
    if "service" not in keys or "admin" not in keys:
        raise SetupError("SAGAS_API_KEYS needs a service key and an admin key")
    return keys["service"], keys["admin"]


@contextmanager
def _stack(
    settings: Settings, api_url: str | None, sim_url: str | None, verbose: bool
) -> Iterator[tuple[Target, Controls]]:
    if api_url is None:
        with embedded(settings, verbose=verbose) as found:
            yield found
    else:
        yield attached(settings, api_url, sim_url)


def run_chaos(
    settings: Settings,
    opts: Options,
    *,
    api_url: str | None,
    sim_url: str | None,
    as_json: bool,
    verbose: bool,
) -> int:
    began = time.monotonic()
    deadline = began + opts.duration_s
    progress = Progress(opts.duration_s)
    try:
        service_key, admin_key = _keys(settings)
        progress.say(
            f"seed {opts.seed}: {opts.checkouts} checkouts, {opts.refunds} refunds, "
            f"{opts.subscriptions} subscriptions within {opts.duration_s:.0f} s"
        )
        if api_url is None:
            progress.say("starting an embedded stack (free ports, throwaway data folder)")
        with _stack(settings, api_url, sim_url, verbose) as (target, controls):
            progress.say(f"API {target.api_url}, simulator {target.sim_url}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SetupError("--duration ran out while the stack was starting")
            report = asyncio.run(
                asyncio.wait_for(
                    campaign.run(
                        settings,
                        target,
                        controls,
                        opts,
                        service_key=service_key,
                        admin_key=admin_key,
                        deadline=deadline,
                        progress=progress,
                    ),
                    timeout=remaining,
                )
            )
    except TimeoutError:
        progress.close()
        print(
            f"sagas chaos: cut by --duration ({opts.duration_s:.0f} s) before its report",
            file=sys.stderr,
        )
        return 1
    except (SetupError, NotReadyError, RuntimeError) as err:
        progress.close()
        print(f"sagas chaos: {err}", file=sys.stderr)
        return 2
    progress.close()
    print(to_json(report) if as_json else to_text(report), flush=True)
    return report.exit_code
