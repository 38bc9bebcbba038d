"""Supervisor review (queue, side-by-side view, decisions) and the officer's view of review comments."""
