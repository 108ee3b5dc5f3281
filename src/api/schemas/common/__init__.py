"""Shapes every resource's schemas reuse: strict inputs, money, timestamps, pages."""
