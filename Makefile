.PHONY: run test install

# Install everything and run the marketplace with demo data and a Celery worker on 127.0.0.1:5000.
run:
	scripts/run.sh

# Install everything and run the whole test suite on SQLite and PostgreSQL.
test:
	scripts/test.sh

install:
	scripts/install.sh --browser --replica
