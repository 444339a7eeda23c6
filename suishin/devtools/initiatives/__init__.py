"""The initiatives app's tooling: see suishin.devtools."""
