"""Small files for upload tests, made in memory."""

import io
import struct
import zipfile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + b"\x00\x00\x00\rIHDR"
    + b"\x00\x00\x00\x01" * 2
    + b"\x08\x02\x00\x00\x00"
    + b"\x00" * 64
)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"PE\x00\x00"
    + b"\x00" * 64
)
CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)


def docx(document: bytes = b"<w:document>Plan van aanpak</w:document>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx whose document unpacks to 20 MB of zeros from a few kilobytes."""
    return docx(b"\x00" * (20 * 1024 * 1024))


def lying_docx() -> bytes:
    """A .docx whose member claims (in both headers) to unpack to 10 bytes but really holds a megabyte."""
    size = 1_000_003
    data = docx(b"\x00" * size)
    real, fake = struct.pack("<I", size), struct.pack("<I", 10)
    assert data.count(real) == 2, "the size must appear only in the local and central headers"
    return data.replace(real, fake)
