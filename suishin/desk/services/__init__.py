"""Writes of the inquiry desk, one module per concern."""
