"""The one table of the pages (common/tables.py and templates/includes/table.html)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError


def render(source: str, **context) -> str:
    return Template("{% load tables %}" + source).render(Context(context))


CONTRACTS = """{% table caption="Contracts" empty="No contracts." data_kind="register" %}
{% columns "Number" row_header=True %}{% columns "Provider" %}{% columns "Amount" numeric=True %}
{% for c in rows %}{% row class="dialoog-late" %}
{% cells c.number c.provider c.amount %}
{% endrow %}{% endfor %}
{% endtable %}"""


def test_a_table_has_its_caption_scoped_headers_and_right_aligned_numbers():
    html = render(CONTRACTS, rows=[{"number": "C-1", "provider": "Zorg & Co", "amount": "1.200,00"}])
    assert '<caption class="utrecht-table__caption">Contracts</caption>' in html
    assert '<th class="utrecht-table__header-cell" scope="col">Provider</th>' in html
    assert (
        'class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">Amount'
        in html
    )
    assert '<th class="utrecht-table__header-cell" scope="row">C-1</th>' in html
    assert '<td class="utrecht-table__cell">Zorg &amp; Co</td>' in html  # escaped
    assert "utrecht-table__cell--numeric-column utrecht-table__cell--numeric-data" in html
    assert '<tr class="utrecht-table__row dialoog-late">' in html
    assert 'data-kind="register"' in html


def test_a_table_scrolls_in_a_named_container_that_the_keyboard_reaches():
    html = render(CONTRACTS, rows=[{"number": "C-1"}])
    container = re.search(r"<div [^>]*>", html).group(0)
    assert "dialoog-table-wrap" in container and "utrecht-table-container--overflow-inline" in container
    assert (
        'role="region"' in container and 'tabindex="0"' in container and 'aria-label="Contracts"' in container
    )
    css = (Path(settings.BASE_DIR) / "static/css/dialoog.css").read_text()
    assert ".dialoog-table-wrap" in css


def test_a_table_without_rows_shows_its_empty_text_instead():
    html = render(CONTRACTS, rows=[])
    assert html.strip() == '<p class="utrecht-paragraph">No contracts.</p>'


def test_cells_with_markup_keep_it_and_span_columns():
    html = render(
        """{% table label="Versions" %}{% columns "A" "B" "C" %}{% row %}
        {% cell %}<a href="/x">x</a>{% endcell %}{% cell colspan=2 data_figure="rest" %} rest {% endcell %}
        {% endrow %}{% endtable %}"""
    )
    assert '<td class="utrecht-table__cell"><a href="/x">x</a></td>' in html
    assert '<td class="utrecht-table__cell" colspan="2" data-figure="rest">rest</td>' in html
    assert "<caption" not in html and 'aria-label="Versions"' in html


def test_columns_may_come_from_a_list_and_a_table_without_columns_has_no_header():
    html = render(
        """{% table label="Counts" %}{% columns "Theme" statuses %}
        {% row %}{% cells "a" 1 2 %}{% endrow %}{% endtable %}""",
        statuses=["open", "agreed"],
    )
    assert html.count('scope="col"') == 3
    figures = render(
        """{% table label="Figures" %}
        {% row %}{% cell header=True %}Kind{% endcell %}{% cells 3 %}{% endrow %}{% endtable %}"""
    )
    assert "<thead" not in figures
    assert '<th class="utrecht-table__header-cell" scope="row">Kind</th>' in figures


@pytest.mark.parametrize(
    "source",
    [
        "{% table %}{% endtable %}",  # nothing names the table
        "{% row %}{% endrow %}",  # a row outside a table
        '{% table label="x" %}{% cells "a" %}{% endtable %}',  # a cell outside a row
    ],
)
def test_a_table_must_be_named_and_rows_belong_in_a_table(source):
    with pytest.raises(TemplateSyntaxError):
        render(source)


# the committee's pages are being reworked on their own branch; they move to {% table %} when it lands
def test_no_page_writes_a_table_by_hand():
    """Every Utrecht table of the pages comes from the one include (the PDFs have their own stylesheet)."""
    root = Path(settings.BASE_DIR) / "templates"
    by_hand = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*.html")
        if "utrecht-table__" in path.read_text() or "<table" in path.read_text()
    }
    pdfs = {
        path for path in by_hand if path.startswith("pdf/") or "/pdf/" in path or path.endswith("_pdf.html")
    }
    assert by_hand - pdfs == {"includes/table.html"}


def test_an_attribute_of_zero_is_kept_and_an_empty_one_left_out():
    html = render('{% table label="x" data_count=0 data_none="" %}{% endtable %}')
    assert 'data-count="0"' in html and "data-none" not in html
