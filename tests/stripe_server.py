"""Run localstripe (the fake Stripe server) for the tests: ``python -m tests.stripe_server PORT_FILE``.

Started by the ``stripe_server`` fixture in its own process, so its aiohttp event loop never
meets ours. Differences from localstripe's own ``localstripe`` command, and why:

- binds 127.0.0.1 only, on a port the OS picks, written to PORT_FILE once listening
  (no free-port guess that another process could take first);
- keeps its state in memory only: the command pickles the whole store to
  /tmp/localstripe.pickle on every write, shared with any other localstripe on the machine;
- adds ``DELETE /_config/webhooks``: ``DELETE /_config/data`` clears objects but not the
  registered webhooks, which would otherwise keep receiving events in later tests; it also
  cancels events not yet sent. localstripe waits 1 s before sending an event, then sends it
  to the webhooks registered *then*: without this, a payment made at the end of one test
  reaches the receiver the next test has just registered.
"""
import asyncio
import os
import socket
import sys

from aiohttp import web
from localstripe import resources, webhooks
from localstripe.server import app

_unsent = set()  # webhook deliveries scheduled and not finished


def _schedule_webhook(event):
    task = asyncio.ensure_future(webhooks._send_webhook(event))
    _unsent.add(task)
    task.add_done_callback(_unsent.discard)


async def _forget_webhooks(request):
    webhooks._webhooks.clear()
    for task in list(_unsent):
        task.cancel()
    return web.Response()


def main(port_file):
    resources.Store.dump_to_disk = lambda self: None
    resources.schedule_webhook = _schedule_webhook  # resources imported it by name
    app.router.add_delete("/_config/webhooks", _forget_webhooks)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # connections made before aiohttp starts wait in the backlog
    port = sock.getsockname()[1]

    async def announce(app):
        # Written once the app has started; renamed so a reader never sees half a number.
        with open(f"{port_file}.tmp", "w") as f:
            f.write(str(port))
        os.replace(f"{port_file}.tmp", port_file)

    app.on_startup.append(announce)
    web.run_app(app, sock=sock, print=None, access_log=None, handle_signals=True)


if __name__ == "__main__":
    main(sys.argv[1])
