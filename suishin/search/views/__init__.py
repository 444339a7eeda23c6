"""Search pages: the results (results.py) and the administrators' vocabulary (vocabulary.py)."""
