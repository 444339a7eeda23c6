"""Suishin (推進): operations platform for police and prefectural reform programmes."""

import os

# A process answers one request at a time and multiplies small matrices (a query against its
# index). OpenBLAS's own threads would spin between those products and take the cores that the
# embedding engine and the database need: on two cores, suggestions while typing took 1.7 times
# as long at p95 (docs/benchmarks.md). Read once, when NumPy is first imported, so set here.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
