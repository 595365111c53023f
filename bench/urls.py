"""The project's URLs plus the trivial view the HTTP benchmark compares the real pages with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

TRIVIAL_PATH = "/bench/trivial/"


def trivial(request: HttpRequest) -> HttpResponse:
    """The framework's limit: every middleware, no query beyond the session, a tiny response."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(TRIVIAL_PATH.strip("/") + "/", trivial, name="bench_trivial"), *project_urlpatterns]
