"""Core's searchable types (notices, what other institutions shared) are declared by the
search app, in ``suishin/search/search.py``: core is the bottom layer and imports nothing of
search. This module stays empty so that core has the file set every app has."""
