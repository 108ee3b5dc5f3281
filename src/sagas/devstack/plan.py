"""What ``sagas dev`` will run where, derived from the settings before anything starts.

Children get the same settings through the environment, plus the dev stack's own wiring
where the user set nothing: the data folder, the dev server's address, and the
simulator's base URLs for the Stripe and Razorpay SDKs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sagas.devstack.ports.claim import PortClaim
from sagas.devstack.temporal_server.dev_server import bind_ip, split_address
from sagas.settings import Settings


@dataclass(frozen=True)
class Plan:
    """Addresses and wiring derived from the settings, computed before anything starts."""

    settings: Settings
    data_dir: Path
    temporal_host: str
    temporal_port: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Plan:
        host, port = split_address(settings.temporal_address)
        return cls(settings, settings.sagas_data_dir.resolve(), bind_ip(host), port)

    @property
    def sim_on(self) -> bool:
        return self.settings.psp_simulator == "on"

    @property
    def temporal_address(self) -> str:
        return f"{self.temporal_host}:{self.temporal_port}"

    @property
    def api_url(self) -> str:
        host = self.settings.api_host
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        return f"http://{shown}:{self.settings.api_port}"

    @property
    def sim_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.psp_sim_port}"

    @property
    def ui_url(self) -> str:
        return f"http://{self.temporal_host}:{self.settings.temporal_ui_port}"

    @property
    def database_url(self) -> str:
        if "database_url" in self.settings.model_fields_set:
            return self.settings.database_url
        return f"sqlite:///{self.data_dir / 'sagas.db'}"

    def port_claims(self) -> list[PortClaim]:
        s = self.settings
        claims = [
            PortClaim("API", s.api_host, s.api_port, "API_PORT"),
            PortClaim("Temporal", self.temporal_host, self.temporal_port, "TEMPORAL_ADDRESS"),
            PortClaim("Temporal UI", self.temporal_host, s.temporal_ui_port, "TEMPORAL_UI_PORT"),
        ]
        if self.sim_on:
            claims.append(PortClaim("PSP simulator", "127.0.0.1", s.psp_sim_port, "PSP_SIM_PORT"))
        if s.worker_metrics_port:
            claims.append(
                PortClaim(
                    "Worker metrics",
                    s.worker_metrics_host,
                    s.worker_metrics_port,
                    "WORKER_METRICS_PORT",
                )
            )
        return claims

    def child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            PYTHONUNBUFFERED="1",
            SAGAS_DATA_DIR=str(self.data_dir),
            DATABASE_URL=self.database_url,
            TEMPORAL_ADDRESS=self.temporal_address,
            API_PORT=str(self.settings.api_port),
            PSP_SIM_PORT=str(self.settings.psp_sim_port),
        )
        # The simulator's day follows the development time scale, so the PSP renews
        # when the product expects it to (an explicit SIM_SECONDS_PER_DAY wins).
        env.setdefault("SIM_SECONDS_PER_DAY", str(self.settings.sagas_dev_seconds_per_day))
        bases = {
            "STRIPE_API_BASE": (self.settings.stripe_api_base, "stripe"),
            "RAZORPAY_API_BASE": (self.settings.razorpay_api_base, "razorpay"),
        }
        for name, (configured, prefix) in bases.items():
            if configured is not None:
                env[name] = configured
            elif self.sim_on:
                env[name] = f"{self.sim_url}/{prefix}"
        return env
