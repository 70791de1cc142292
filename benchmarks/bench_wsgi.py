"""The project's ``wsgi:app`` plus two JSON routes for when catalogue templates are missing.

Only used by ``catalog_bench.py`` when ``/products`` or ``/products/<id>`` cannot render
(``templates/catalog/`` not written yet): ``/_bench/products`` and ``/_bench/products/<id>``
call the same services as the HTML views (``search_listings`` / ``public_listing``) and
serialise what a product card / product page shows, touching the same relationships a
template would. Every other route is the unchanged ``wsgi:app``.

    gunicorn --pythonpath benchmarks bench_wsgi:app
"""
from bench_routes import add_bench_routes
from wsgi import app

add_bench_routes(app)
