"""Transactional application services shared by the API routes and the activities."""
