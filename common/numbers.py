"""Reading numbers typed by people."""


def is_whole_number(text: str) -> bool:
    """Only the digits 0-9: ``str.isdigit`` also accepts '²' or '٣', which ``int()`` then refuses."""
    return text.isascii() and text.isdigit()
