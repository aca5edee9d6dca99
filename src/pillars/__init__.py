"""Pillars: the sales director's workbench."""

__version__ = "0.1.0"
