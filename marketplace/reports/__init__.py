"""Figures over time for the dashboards: staff overview, producer and association dashboards.

Every figure is computed in the database (GROUP BY over a date bucket that works alike on SQLite
and PostgreSQL); this package owns no models and changes nothing.
"""
