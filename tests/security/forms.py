"""The POST forms on a page: their action and the names of their fields, read from the HTML."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    fields: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.forms: list[Form] = []
        self.current: Form | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self.current = Form(action=attributes.get("action") or self.path)
        elif self.current and tag in ("input", "select", "textarea") and attributes.get("name"):
            name = attributes["name"]
            if name == "csrfmiddlewaretoken" or attributes.get("type") in ("submit", "hidden"):
                return
            target = self.current.files if attributes.get("type") == "file" else self.current.fields
            if name not in target:
                target.append(name)

    def handle_endtag(self, tag):
        if tag == "form" and self.current:
            self.forms.append(self.current)
            self.current = None


def post_forms(html: str, path: str) -> list[Form]:
    parser = _FormParser(path)
    parser.feed(html)
    return parser.forms
