"""PDF rendering with WeasyPrint, imported lazily. The renderer fetches nothing: PDF templates carry
their styles inline, and any URL a template names (file:///etc/passwd, a link-local or network
address) is refused; only inline ``data:`` URLs are read."""

import logging
from contextlib import AbstractContextManager

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def _fetcher():
    from weasyprint.urls import URLFetcher

    class DataOnlyURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            logger.warning("PDF rendering refused to fetch %r", url)
            raise ValueError(f"PDF rendering refuses to fetch {url!r}")

    return DataOnlyURLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def in_portal_language() -> AbstractContextManager[None]:
    """A document the portal keeps or hands out (the council report, the agreement set) is written in the
    portal's default language (Dutch), whatever language is active for the person or worker that has it
    made: render it, and anything translated for it, inside this block."""
    return translation.override(settings.LANGUAGE_CODE)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()
