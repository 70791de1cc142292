"""CLI commands: ``flask --app wsgi create-staff``, ``search-reindex`` (``demo-data`` comes from the ``demo``
package's entry point)."""
import click

from marketplace.accounts.services import create_staff as create
from marketplace.catalog.services import reindex_search
from marketplace.core.errors import DomainError


def register(app):
    @app.cli.command("create-staff")
    @click.option("--email", required=True)
    @click.option("--password", required=True)
    @click.option("--name", default="Staff")
    def create_staff(email, password, name):
        """Create a staff account (or promote an existing one)."""
        try:
            user = create(email, password, name)
        except DomainError as exc:
            raise click.ClickException(exc.message) from None
        click.echo(f"staff account ready: {user.email}")

    @app.cli.command("search-reindex")
    def search_reindex():
        """Recompute every listing's search text, the spelling vocabulary and the suggestions."""
        click.echo(f"reindexed {reindex_search()} listings")
