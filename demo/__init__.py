"""The demo catalogue: data files (``data/``), the loader that creates them through the
marketplace's services, generated product pictures (``art``) and the ``flask demo-data`` command.

A development package beside ``marketplace/``: the marketplace never imports it.
"""
