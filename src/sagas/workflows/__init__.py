"""Workflows decide; activities do the I/O. Nothing in this package touches a database,
an SDK or the network, reads the wall clock or draws randomness."""
