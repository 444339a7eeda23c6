"""Knowledge pages, one module per subject."""
