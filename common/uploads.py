"""Checking uploaded files before they are kept: size, type by content (magic bytes) against the
extension, and a safe name. Every refusal is a clear message for the person who uploaded."""

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ValidationError(_("The file is damaged and cannot be read.")) from error
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_UNPACKED_RATIO * max(upload.size, 1):
        raise ValidationError(_("The file unpacks to far more than its size and is refused as unsafe."))


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
