"""PDF rendering with WeasyPrint, imported lazily. The renderer fetches nothing: PDF templates carry
their styles inline, and any URL a template names (file:///etc/passwd, a link-local or network
address) is refused; only inline ``data:`` URLs are read."""

import logging

from django.template.loader import render_to_string

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


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()
