"""Search's writes: the index (index.py) and the administrators' vocabulary (vocabulary.py)."""
