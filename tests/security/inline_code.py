"""Finding inline code in HTML: what a Content Security Policy without 'unsafe-inline' would block."""

from html.parser import HTMLParser

EXECUTABLE_SCRIPT_TYPES = {"text/javascript", "application/javascript", "module"}


class _InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_inline: str | None = None

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): value for name, value in attrs}
        executable = (names.get("type") or "text/javascript").lower() in EXECUTABLE_SCRIPT_TYPES
        if (tag == "script" and executable and not names.get("src")) or tag == "style":
            self._in_inline = tag
        if "style" in names:
            self.found.append(f'style="..." on <{tag}>')
        self.found.extend(f"{name}= handler on <{tag}>" for name in names if name.startswith("on"))
        for attribute in ("href", "src", "action", "formaction"):
            if (names.get(attribute) or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL in <{tag} {attribute}>")

    def handle_data(self, data):
        if self._in_inline and data.strip():
            self.found.append(f"inline <{self._in_inline}>: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._in_inline = None


def inline_code(html: str) -> list[str]:
    """Every inline script or style element with content, style attribute, event handler and
    javascript: URL."""
    finder = _InlineCodeFinder()
    finder.feed(html)
    return finder.found
