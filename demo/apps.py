from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world and the load generator: installed in the embedded default, the tests and the
    benchmarks, and in production only when ``DEMO`` asks for it (settings)."""

    name = "demo"
    verbose_name = "Demo"
