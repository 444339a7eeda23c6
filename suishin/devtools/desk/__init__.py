"""The desk app's tooling: see suishin.devtools."""
