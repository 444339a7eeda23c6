"""The knowledge app's tooling: see suishin.devtools."""
