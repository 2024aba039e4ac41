"""Interfant Desktop: bedside decision support for the Interfant-21 protocol."""

__version__ = "0.1.0"
