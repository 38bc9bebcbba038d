"""Verval Desa: offline-first verification of social-assistance families, and its sync server."""

__version__ = "0.1.0"
