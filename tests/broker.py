"""The broker out of reach, for tests of what a user's action does when Redis is down."""

from contextlib import contextmanager

CLOSED_PORT = "redis://127.0.0.1:9/0"  # the discard port: nothing listens, connections are refused


@contextmanager
def broker_down():
    """The web process loses its broker: every ``delay`` fails to connect, as when Redis is down. Tasks
    are not run eagerly meanwhile (they must go through the broker, and cannot)."""
    from config.celery import app

    def reset():
        app._pool = None
        app.amqp._producer_pool = None

    working, eager = app.connection_for_write, app.conf.task_always_eager
    app.connection_for_write = lambda url=None, **kwargs: working(CLOSED_PORT, **kwargs)
    app.conf.task_always_eager = False
    reset()
    try:
        yield
    finally:
        del app.connection_for_write  # the class's method again
        app.conf.task_always_eager = eager
        reset()
