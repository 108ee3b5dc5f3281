"""Every PSP call has a connect and a read timeout, on both SDKs (CONTRACT 11.6): a PSP
that accepts the connection and then never answers must not hold a worker's task or
thread for ever. Each PSP's ``client.py`` applies them to its SDK."""

from __future__ import annotations

PSP_CONNECT_TIMEOUT_S = 5.0
PSP_READ_TIMEOUT_S = 15.0
