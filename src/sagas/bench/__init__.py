"""``sagas bench``: end-to-end checkout latency and throughput on a real stack."""
