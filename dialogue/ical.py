"""iCalendar (RFC 5545) text for dialogue sessions, written by hand: UID, DTSTAMP, DTSTART/DTEND in UTC."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings

from .models import Session


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded (RFC 5545 3.1)."""
    encoded = line.encode()
    parts = []
    while len(encoded) > 75:
        cut = 75 if not parts else 74
        while cut and (encoded[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded = encoded[cut:]
    parts.append(encoded.decode())
    return [parts[0]] + [" " + part for part in parts[1:]]


def calendar(sessions: Iterable[Session], *, now: datetime, name: str = "Dialoog") -> str:
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "dialoog"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Dialoog//Dialoogsessies//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for session in sessions:
        location = session.place or session.online_link
        lines += [
            "BEGIN:VEVENT",
            f"UID:dialoog-session-{session.pk}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{_escape(session.title)}",
            f"LOCATION:{_escape(location)}",
        ]
        if session.online_link:
            lines.append(f"URL:{session.online_link}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(f"{folded}\r\n" for line in lines for folded in _fold(line))
