"""Upload checks (common.uploads): size, type by content against the extension, zip bombs, safe names and
a Content-Disposition header that no file name can break."""

import re
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse

from common.uploads import check_upload, content_disposition, safe_filename
from tests.security import files


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(name: str, content: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content), **kwargs)
    return error.value.messages[0]


def test_a_real_pdf_and_a_real_docx_are_accepted():
    pdf = check_upload(upload("Plan van aanpak.pdf", files.PDF))
    assert (pdf.name, pdf.extension, pdf.content_type) == ("Plan van aanpak.pdf", "pdf", "application/pdf")
    assert len(pdf.sha256) == 64
    assert check_upload(upload("offerte.docx", files.docx())).extension == "docx"


def test_a_file_over_the_limit_gets_a_clear_message():
    message = refusal("groot.pdf", files.PDF + b"0" * 2048, max_bytes=1024)
    assert message.replace("\xa0", " ") == "Het bestand is 2,1 KB; de limiet is 1,0 KB."


def test_an_empty_file_is_refused():
    assert refusal("leeg.pdf", b"") == "Het bestand is leeg."


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("scan.pdf", files.PNG, "pdf"),  # a picture named .pdf
        ("factuur.pdf", files.EXE, "pdf"),  # a program renamed .pdf
        ("offerte.docx", b"Gewoon een tekstbestand, geen Word-document.\n", "docx"),
        ("foto.png", files.PDF, "png"),
    ],
)
def test_the_content_must_match_the_extension(name, content, extension):
    assert refusal(name, content) == f"De inhoud van het bestand past niet bij de extensie .{extension}."


def test_an_extension_that_is_not_allowed_is_refused_with_the_allowed_list():
    message = refusal("setup.exe", files.EXE)
    assert message.startswith("Bestanden van het type .exe worden niet geaccepteerd. Toegestaan: ")
    assert ".pdf" in message
    assert refusal("plan.pdf", files.PDF, allowed={"docx"}).startswith("Bestanden van het type .pdf")


def test_a_zip_bomb_in_a_docx_is_refused():
    bomb = files.zip_bomb_docx()
    assert len(bomb) < 100_000
    assert refusal("offerte.docx", bomb) == (
        "Het bestand pakt uit tot veel meer dan zijn grootte en is als onveilig geweigerd."
    )


def test_a_docx_that_lies_about_its_unpacked_size_is_refused():
    assert (
        refusal("offerte.docx", files.lying_docx()) == "Het bestand is beschadigd en kan niet worden gelezen."
    )


def test_a_damaged_docx_is_refused():
    damaged = files.docx()[:-30]
    assert refusal("offerte.docx", damaged) == "Het bestand is beschadigd en kan niet worden gelezen."


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\plan.pdf", "plan.pdf"),
        ("/var/lib/dialoog/plan.pdf", "plan.pdf"),
        ('plan"\r\nSet-Cookie: x=1.pdf', "plan_Set-Cookie_ x_1.pdf"),
        ("Plan van aanpak – jeugdhülp.pdf", "Plan van aanpak  jeugdhulp.pdf"),
        ("..", "bestand"),
    ],
)
def test_file_names_are_made_safe(given, kept):
    assert safe_filename(given) == kept


def test_check_upload_keeps_only_the_safe_name():
    checked = check_upload(upload("../../etc/passwd.pdf", files.PDF))
    assert checked.name == "passwd.pdf"


def parsed_filename(header: str) -> str:
    """The name a browser takes (RFC 6266: filename* wins over the ASCII fallback)."""
    fallback = re.fullmatch(r'(?:attachment|inline); filename="([^"\\]*)"; filename\*=(.*)', header)
    assert fallback, header
    charset, language, encoded = fallback.group(2).split("'")
    assert (charset, language) == ("UTF-8", "")
    assert re.fullmatch(r"[A-Za-z0-9%!#$&+.^_`|~-]+", encoded), "filename* must be a token (RFC 5987)"
    return unquote(encoded, errors="strict")


def test_content_disposition_gives_an_ascii_fallback_and_the_full_name():
    header = content_disposition("Offerte Stichting Kustlicht – ronde 2 (ë).pdf")
    assert header.startswith('attachment; filename="Offerte Stichting Kustlicht  ronde 2 _e_.pdf"; ')
    assert (
        "filename*=UTF-8''Offerte%20Stichting%20Kustlicht%20%E2%80%93%20ronde%202%20%28%C3%AB%29.pdf"
        in header
    )
    assert parsed_filename(header) == "Offerte Stichting Kustlicht – ronde 2 (ë).pdf"
    assert content_disposition("plan.pdf", attachment=False).startswith('inline; filename="plan.pdf"')


@pytest.mark.parametrize(
    "name",
    [
        'plan"; filename="evil.exe',
        "plan\r\nSet-Cookie: sessionid=stolen\r\n.pdf",
        "../../etc/passwd",
        "a\x00b.pdf",
    ],
)
def test_content_disposition_cannot_be_broken_by_the_file_name(name):
    header = content_disposition(name)
    assert "\r" not in header and "\n" not in header and "\x00" not in header
    assert header.count('"') == 2
    assert "/" not in parsed_filename(header) and ".." not in parsed_filename(header)
    response = HttpResponse(b"x")
    response["Content-Disposition"] = header  # Django refuses header values that could split headers
    assert response["Content-Disposition"] == header
