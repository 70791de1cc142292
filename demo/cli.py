"""``flask --app wsgi demo-data [--no-images]``, registered through the ``flask.commands``
entry point in pyproject.toml so that the marketplace itself never imports the demo."""
import click
from flask.cli import with_appcontext

from demo.loader import load_demo_data


@click.command("demo-data")
@click.option("--images/--no-images", default=True, help="Draw product pictures (slower).")
@with_appcontext
def demo_data(images):
    """Load the demo catalogue: villages, marks, producers, listings, orders (idempotent)."""
    summary = load_demo_data(with_images=images)
    click.echo(", ".join(f"{count} {name}" for name, count in summary.items()))
