"""Tooling that is not the product: the demo installation, benchmarks, load generators and
evaluations, one package per app (``devtools/<app label>/``), with the commands that run them
(``suishin demo``, ``suishin bench …``, ``suishin eval …``).

Product modules never import it (an import contract in pyproject.toml says so), and no web,
worker or scheduler process loads it: the commands find each app's modules when they run
(``suishin.devtools.registry.discover_devtools``).
"""
