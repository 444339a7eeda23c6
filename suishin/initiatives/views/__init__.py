"""Initiatives pages, one module per subject."""
