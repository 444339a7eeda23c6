"""The core app's tooling: see suishin.devtools."""
