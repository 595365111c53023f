"""Checking uploaded files before they are kept: size, type by content (magic bytes) against the
extension, and a safe name. Every refusal is a clear message for the person who uploaded."""

import hashlib
import logging
import re
import socket
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# extension -> the content types its content may have
ALLOWED_TYPES: dict[str, set[str]] = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    "odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "csv": {"text/csv"},
    "txt": {"text/plain"},
}
CONTENT_TYPE_OF_EXTENSION = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "csv": "text/csv",
    "txt": "text/plain",
}
ZIP_BASED = {"docx", "xlsx", "odt"}
MAX_UNPACKED_RATIO = 100
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 10_000


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def safe_filename(name: str) -> str:
    """A file name without directories, control characters or anything a header could trip over."""
    base = PurePath(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9._ -]+", "_", base).strip(" .")
    return base[:150] or "bestand"


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """A Content-Disposition header value (RFC 6266) that no file name can break: an ASCII fallback in
    ``filename=`` and the full name, percent-encoded UTF-8, in ``filename*=``; no directories, no control
    characters, no quotes."""
    base = PurePath(filename.replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").replace('"', "'").strip(" .")
    fallback = safe_filename(base)
    disposition = "attachment" if attachment else "inline"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(base or fallback, safe='')}"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def _check_archive(upload: UploadedFile) -> None:
    """Refuse a zip bomb before anything unpacks it: the sizes the archive declares are checked first, then
    every member is read through (never more than it declares, so a member that lies about its size fails
    its checksum and the file counts as damaged)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            unpacked = sum(info.file_size for info in members)
            if (
                len(members) > MAX_ARCHIVE_MEMBERS
                or unpacked > MAX_UNPACKED_BYTES
                or unpacked > MAX_UNPACKED_RATIO * max(upload.size, 1)
            ):
                raise ValidationError(
                    _("The file unpacks to far more than its size and is refused as unsafe.")
                )
            for info in members:
                with archive.open(info) as member:
                    while member.read(1024 * 1024):
                        pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError) as error:
        raise ValidationError(_("The file is damaged and cannot be read.")) from error
    finally:
        upload.seek(0)


def check_upload(
    upload: UploadedFile, allowed: set[str] | None = None, max_bytes: int | None = None
) -> CheckedFile:
    """Check an upload; raise ValidationError with a clear message when it is refused."""
    allowed = allowed or set(ALLOWED_TYPES)
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    name = safe_filename(upload.name or "")
    extension = PurePath(name).suffix.lower().lstrip(".")
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    if extension not in allowed:
        raise ValidationError(
            _("Files of type .%(extension)s are not accepted. Accepted: %(allowed)s.")
            % {"extension": extension or "?", "allowed": ", ".join(sorted(f".{e}" for e in allowed))}
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    detected = kind.mime if kind else ("text/plain" if _looks_like_text(head) else "application/octet-stream")
    expected = ALLOWED_TYPES[extension]
    text_extension = extension in {"csv", "txt"}
    if (detected != "text/plain") if text_extension else (detected not in expected):
        raise ValidationError(
            _("The content of the file does not match its extension .%(extension)s.")
            % {"extension": extension}
        )
    if extension in ZIP_BASED:
        _check_archive(upload)
    if settings.CLAMAV_SOCKET:
        scan_for_viruses(upload)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        name=name,
        extension=extension,
        content_type=CONTENT_TYPE_OF_EXTENSION[extension],
        size=upload.size,
        sha256=digest.hexdigest(),
    )


CLAMD_CHUNK = 64 * 1024


def scan_for_viruses(upload: UploadedFile) -> None:
    """Have ClamAV (clamd, over its Unix socket in settings.CLAMAV_SOCKET) scan the file with the INSTREAM
    command. Fails closed: when clamd cannot be reached or answers anything but OK, the file is refused."""
    try:
        reply = _clamd_instream(upload)
    except OSError as error:
        logger.error("Virus scanner at %s unreachable: %s", settings.CLAMAV_SOCKET, error)
        raise ValidationError(
            _("The file could not be checked for viruses right now, so it was not accepted. Try again later.")
        ) from error
    finally:
        upload.seek(0)
    if reply.endswith("FOUND"):
        logger.warning("Virus scanner refused upload %r: %s", upload.name, reply)
        raise ValidationError(_("The virus scanner found a virus in the file; it was not accepted."))
    if reply != "stream: OK":
        logger.error("Virus scanner gave an unexpected answer for %r: %s", upload.name, reply)
        raise ValidationError(
            _("The file could not be checked for viruses right now, so it was not accepted. Try again later.")
        )


def _clamd_instream(upload: UploadedFile) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(settings.CLAMAV_TIMEOUT)
        connection.connect(settings.CLAMAV_SOCKET)
        connection.sendall(b"zINSTREAM\0")
        upload.seek(0)
        for chunk in upload.chunks(CLAMD_CHUNK):
            connection.sendall(struct.pack("!L", len(chunk)) + chunk)
        connection.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            data = connection.recv(4096)
            if not data:
                break
            reply += data
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()
