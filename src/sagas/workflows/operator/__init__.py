"""Operator actions shared by every saga: ``retry``, ``cancel``, ``resolve`` with a reason."""
