"""The documents share one base (templates/pdf/base.html) and one stylesheet (templates/pdf/_style.html)."""

import io
import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from pypdf import PdfReader

from common.pdf import render_pdf

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# every template a document is rendered from: the names given to render_pdf, read from the code
SOURCES = [
    p for p in Path(settings.BASE_DIR).glob("*/**/*.py") if ".venv" not in p.parts and "tests" not in p.parts
]


def document_templates() -> set[str]:
    names = set()
    for path in SOURCES:
        names |= set(re.findall(r'render_pdf\(\s*"([^"]+)"', path.read_text()))
    return names


def test_every_document_extends_the_one_base_and_carries_no_styles_of_its_own():
    names = document_templates()
    assert len(names) == 9  # the nine documents of the portal
    for name in names:
        source = (TEMPLATES / name).read_text()
        assert source.startswith('{% extends "pdf/base.html" %}'), name
        assert "<style" not in source and "@page" not in source, name
    assert [p.name for p in TEMPLATES.rglob("*.html") if "<style" in p.read_text()] == ["_style.html"]


def test_every_page_says_its_number_and_the_reference_in_the_footer(tmp_path, settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    (tmp_path / "document.html").write_text(
        '{% extends "pdf/base.html" %}{% block footer %}REF-2027-001{% endblock %}'
        "{% block content %}{% for n in pages %}"
        '<h2{% if n %} style="break-before: page"{% endif %}>{{ n }}</h2>'
        "{% endfor %}{% endblock %}"
    )
    with translation.override("nl"):
        pdf = render_pdf("document.html", {"pages": range(3)})
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert f"pagina {number} van 3" in text and "REF-2027-001" in text


def test_the_base_says_the_language_of_the_document():
    with translation.override("en"):
        html = Template('{% extends "pdf/base.html" %}').render(Context())
    assert '<html lang="en">' in html and "page &quot;" not in html
