"""Tables: the one way a page shows rows as a table (the Utrecht table of the NL Design System).

A page names its columns and writes what goes in each cell; the tags write the rest, the same for every
table: the scroll container with its cue on a phone, the caption, the header cells with their scope, the
classes, right-aligned numbers, and the text shown instead of a table without rows::

    {% load tables %}
    {% table caption=_("Contracts") empty=_("No contracts.") %}
      {% columns _("Contract number") _("Provider") %}{% columns _("Amount (EUR)") numeric=True %}
      {% for c in contracts %}{% row %}
        {% cell %}<a href="{% url 'contracts:detail' c.pk %}">{{ c.number }}</a>{% endcell %}
        {% cells c.organisation c.amount %}
      {% endrow %}{% endfor %}
    {% endtable %}

- ``{% table %}`` takes ``caption`` (shown above the table) or ``label`` (when a heading on the page names
  the table already); one of the two names the scroll container for people who use a screen reader or a
  keyboard. ``empty``: the text shown instead of the table when no row was written. ``class`` adds classes
  to the table; other keywords become attributes of the table (``data_lot=1`` gives ``data-lot="1"``).
- ``{% columns a b ... %}``: header cells, in order, before the rows; a list stands for several columns.
  ``numeric=True`` aligns the column to the right; ``row_header=True`` makes its cells the row's header.
- ``{% row %}...{% endrow %}``: one row; keywords become attributes of the row (``class`` is added).
- ``{% cell %}...{% endcell %}``: one cell with markup (links, forms); ``{% cells a b ... %}``: one plain
  cell per value, escaped. Keywords of ``cell``: ``header=True`` (a row header where no column says so),
  ``colspan``, and attributes (``data_figure="tenders"``).

The cells stay in the template, where the page's markup and texts are: the view passes the objects as
before, and only the frame of the table is written once (``templates/includes/table.html``)."""

from dataclasses import dataclass, field
from typing import Any

from django import template
from django.template.base import (
    FilterExpression,
    Node,
    NodeList,
    Parser,
    Token,
    kwarg_re,
    render_value_in_context,
)
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

TABLE = "_dialoog_table"
TABLE_TEMPLATE = "includes/table.html"


@dataclass
class Column:
    label: Any
    numeric: bool = False
    row_header: bool = False


@dataclass
class TableState:
    """What the rows of the table being rendered need to know: its columns and how far they are."""

    columns: list[Column] = field(default_factory=list)
    rows: int = 0
    position: int = 0  # the column of the next cell in the current row
    in_row: bool = False

    def column(self) -> Column:
        return self.columns[self.position] if self.position < len(self.columns) else Column(label="")


def _parse(parser: Parser, token: Token) -> tuple[list[FilterExpression], dict[str, FilterExpression]]:
    """The tag's positional arguments and keywords (``name=value``), each a filter expression."""
    args, kwargs = [], {}
    for bit in token.split_contents()[1:]:
        match = kwarg_re.match(bit)
        if match and match.group(1):
            kwargs[match.group(1)] = parser.compile_filter(match.group(2))
        else:
            args.append(parser.compile_filter(bit))
    return args, kwargs


def _resolve(kwargs: dict[str, FilterExpression], context) -> dict[str, Any]:
    return {name: value.resolve(context) for name, value in kwargs.items()}


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """`` name="value"`` for each attribute, ``_`` in a name written as ``-``; empty values are left out."""
    return mark_safe(  # every value is escaped by format_html
        "".join(
            format_html(' {}="{}"', name.replace("_", "-"), value)
            for name, value in attrs.items()
            if value is not None and value is not False and value != ""
        )
    )


def _state(context, tag: str, *, in_row: bool = False) -> TableState:
    state = context.get(TABLE)
    if state is None or (in_row and not state.in_row):
        where = "{% row %}" if in_row else "{% table %}"
        raise template.TemplateSyntaxError(f"{{% {tag} %}} belongs inside {where}.")
    return state


class TableNode(Node):
    def __init__(self, nodelist: NodeList, kwargs: dict[str, FilterExpression]):
        self.nodelist, self.kwargs = nodelist, kwargs

    def render(self, context) -> str:
        state = TableState()
        with context.push({TABLE: state}):
            body = self.nodelist.render(context)
        attrs = _resolve(self.kwargs, context)
        caption, label, empty = attrs.pop("caption", ""), attrs.pop("label", ""), attrs.pop("empty", None)
        if not (caption or label):
            raise template.TemplateSyntaxError("A {% table %} needs a caption or a label.")
        extra_class = attrs.pop("class", "")
        return get_template(TABLE_TEMPLATE).render(
            {
                "caption": caption,
                "label": label or caption,
                "empty": empty,
                "columns": state.columns,
                "rows": state.rows,
                "body": mark_safe(body),  # rendered by the template engine, escaped there
                "class": extra_class,
                "attributes": _attributes(attrs),
            }
        )


class ColumnsNode(Node):
    def __init__(self, args: list[FilterExpression], kwargs: dict[str, FilterExpression]):
        self.args, self.kwargs = args, kwargs

    def render(self, context) -> str:
        state = _state(context, "columns")
        options = _resolve(self.kwargs, context)
        for arg in self.args:
            value = arg.resolve(context)
            for label in value if isinstance(value, list | tuple) else [value]:
                state.columns.append(
                    Column(label, bool(options.get("numeric")), bool(options.get("row_header")))
                )
        return ""


class RowNode(Node):
    def __init__(self, nodelist: NodeList, kwargs: dict[str, FilterExpression]):
        self.nodelist, self.kwargs = nodelist, kwargs

    def render(self, context) -> str:
        state = _state(context, "row")
        state.position, state.in_row = 0, True
        try:
            cells = self.nodelist.render(context)
        finally:
            state.in_row = False
        state.rows += 1
        attrs = _resolve(self.kwargs, context)
        classes = " ".join(filter(None, ["utrecht-table__row", attrs.pop("class", "")]))
        return format_html('<tr class="{}"{}>{}</tr>', classes, _attributes(attrs), mark_safe(cells))


def _cell(state: TableState, content: str, options: dict[str, Any]) -> SafeString:
    """One cell in the next column of the row: a row header (``th``) or a data cell (``td``)."""
    column = state.column()
    colspan = int(options.pop("colspan", 1) or 1)
    header = options.pop("header", column.row_header)
    state.position += colspan
    span = {"colspan": colspan} if colspan > 1 else {}
    if header:
        return format_html(
            '<th class="utrecht-table__header-cell" scope="row"{}>{}</th>',
            _attributes(span | options),
            content,
        )
    classes = "utrecht-table__cell"
    if column.numeric:
        classes += " utrecht-table__cell--numeric-column utrecht-table__cell--numeric-data"
    return format_html('<td class="{}"{}>{}</td>', classes, _attributes(span | options), content)


class CellNode(Node):
    def __init__(self, nodelist: NodeList, kwargs: dict[str, FilterExpression]):
        self.nodelist, self.kwargs = nodelist, kwargs

    def render(self, context) -> str:
        state = _state(context, "cell", in_row=True)
        return _cell(state, mark_safe(self.nodelist.render(context).strip()), _resolve(self.kwargs, context))


class CellsNode(Node):
    def __init__(self, args: list[FilterExpression]):
        self.args = args

    def render(self, context) -> str:
        state = _state(context, "cells", in_row=True)
        return "".join(
            _cell(state, render_value_in_context(arg.resolve(context), context), {}) for arg in self.args
        )


def _block(parser: Parser, token: Token, end: str) -> tuple[NodeList, dict[str, FilterExpression]]:
    """The keywords of a block tag that takes no positional argument, and what stands up to its end."""
    args, kwargs = _parse(parser, token)
    if args:
        raise template.TemplateSyntaxError(f"{{% {token.contents.split()[0]} %}} takes keywords only.")
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return nodelist, kwargs


@register.tag
def table(parser: Parser, token: Token) -> TableNode:
    return TableNode(*_block(parser, token, "endtable"))


@register.tag
def columns(parser: Parser, token: Token) -> ColumnsNode:
    return ColumnsNode(*_parse(parser, token))


@register.tag
def row(parser: Parser, token: Token) -> RowNode:
    return RowNode(*_block(parser, token, "endrow"))


@register.tag
def cell(parser: Parser, token: Token) -> CellNode:
    return CellNode(*_block(parser, token, "endcell"))


@register.tag
def cells(parser: Parser, token: Token) -> CellsNode:
    args, kwargs = _parse(parser, token)
    if kwargs:
        raise template.TemplateSyntaxError(
            "{% cells %} takes values only; use {% cell %} for a cell with keywords."
        )
    return CellsNode(args)
