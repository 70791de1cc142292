"""CLI commands: ``flask --app wsgi demo-data`` and ``flask --app wsgi create-staff``."""
import click

from marketplace.core.errors import DomainError


def register(app):
    @app.cli.command("demo-data")
    @click.option("--images/--no-images", default=True, help="Generate product images (slower).")
    def demo_data(images):
        """Load the demo catalogue: villages, marks, producers, listings (idempotent)."""
        from marketplace.demo.loader import load_demo_data

        summary = load_demo_data(with_images=images)
        click.echo(", ".join(f"{count} {name}" for name, count in summary.items()))

    @app.cli.command("create-staff")
    @click.option("--email", required=True)
    @click.option("--password", required=True)
    @click.option("--name", default="Staff")
    def create_staff(email, password, name):
        """Create a staff account (or promote an existing one)."""
        from marketplace.accounts.services import create_staff as create

        try:
            user = create(email, password, name)
        except DomainError as exc:
            raise click.ClickException(exc.message) from None
        click.echo(f"staff account ready: {user.email}")
