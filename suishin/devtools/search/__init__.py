"""The search app's tooling: see suishin.devtools."""
