"""Niyam's composition root: reads the configuration once (`settings`), applies the process's environment
defaults, builds the service and the chat adapters, and hosts the `niyam` command line (`cli`).

Nothing imports this package: it imports everything else. Run it as the `niyam` script (pyproject.toml).
"""
