"""Test support shared by every app: personas and sign-in helpers."""
