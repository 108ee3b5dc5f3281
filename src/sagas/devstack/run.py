"""``sagas dev``: run the stack until Ctrl-C/SIGTERM or a failure, always cleaning up."""

from __future__ import annotations

import sys

from sagas.devstack.banner import banner, say
from sagas.devstack.plan import Plan
from sagas.devstack.ports.check import check_ports
from sagas.devstack.ports.errors import PortClashError, PortInUseError, PortUnusableError
from sagas.devstack.ready import NotReadyError
from sagas.devstack.stack import start
from sagas.devstack.supervisor import ChildDiedError, StopRequestedError, Supervisor
from sagas.devstack.temporal_server.cli import TemporalCliMissingError, find_cli
from sagas.settings import Settings


def run(settings: Settings) -> int:
    """Run the stack until Ctrl-C/SIGTERM (exit 0) or a failure (non-zero); always clean up.

    Exit 2 means it never started (a port is taken or unusable, the CLI is missing).
    """
    plan = Plan.from_settings(settings)
    try:
        check_ports(plan.port_claims())
        find_cli()
    except (PortInUseError, PortClashError, PortUnusableError, TemporalCliMissingError) as exc:
        print(f"sagas dev: {exc}", file=sys.stderr, flush=True)
        return 2
    sup = Supervisor()
    sup.install_signal_handlers()
    try:
        start(plan, sup)
        print(banner(plan), flush=True)
        sup.watch()
    except StopRequestedError:
        say("stopping")
        return 0
    except ChildDiedError as exc:
        say(f"{exc}; stopping the stack")
        return 1
    except NotReadyError as exc:
        say(f"{exc}; stopping the stack")
        return 1
    finally:
        sup.stop_all()
        say("stopped")
