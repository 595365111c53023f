"""The optional virus scanner: ClamAV's clamd over a Unix socket (INSTREAM). Off when CLAMAV_SOCKET is
unset; when set, a file is accepted only when clamd answers OK (fail closed)."""

import shutil
import socket
import struct
import tempfile
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import check_upload

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
CLEAN = b"Gewoon een verslag van de dialoogsessie.\n" * 5000  # more than one INSTREAM chunk
UNAVAILABLE = "Het bestand kon nu niet op virussen worden gecontroleerd en is daarom niet geaccepteerd."


class FakeClamd:
    """A tiny clamd on a Unix socket: reads one INSTREAM and answers like ClamAV does."""

    def __init__(self, path: Path, reply: bytes | None = None):
        self.path = str(path)
        self.reply = reply
        self.received: list[bytes] = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.server.settimeout(10)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exactly(self, connection, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = connection.recv(size - len(data))
            if not chunk:
                raise ConnectionError("client went away")
            data += chunk
        return data

    def _serve(self):
        connection, _ = self.server.accept()
        with connection:
            command = self._read_exactly(connection, len(b"zINSTREAM\0"))
            assert command == b"zINSTREAM\0"
            stream = b""
            while length := struct.unpack("!L", self._read_exactly(connection, 4))[0]:
                stream += self._read_exactly(connection, length)
            self.received.append(stream)
            if self.reply is None:
                found = b"Eicar-Signature FOUND" if EICAR in stream else b"OK"
                connection.sendall(b"stream: " + found + b"\0")
            else:
                connection.sendall(self.reply)

    def close(self):
        self.thread.join(timeout=10)
        self.server.close()


@pytest.fixture
def socket_dir():
    # a short path: Unix socket paths are limited to about 100 characters
    folder = Path(tempfile.mkdtemp(prefix="clamd-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def clamd(socket_dir, settings):
    fake = FakeClamd(socket_dir / "clamd.sock")
    settings.CLAMAV_SOCKET = fake.path
    yield fake
    fake.close()


def check(name: str, content: bytes):
    return check_upload(SimpleUploadedFile(name, content))


def test_without_a_socket_configured_nothing_is_scanned(settings):
    settings.CLAMAV_SOCKET = ""
    assert check("eicar.txt", EICAR).name == "eicar.txt"


def test_a_clean_file_is_sent_whole_to_clamd_and_accepted(clamd):
    checked = check("verslag.txt", CLEAN)
    assert checked.size == len(CLEAN)
    assert clamd.received == [CLEAN]


def test_a_file_with_a_virus_is_refused(clamd):
    with pytest.raises(ValidationError) as error:
        check("eicar.txt", EICAR)
    assert error.value.messages == [
        "De virusscanner heeft een virus in het bestand gevonden; het is niet geaccepteerd."
    ]


def test_when_clamd_is_down_the_upload_is_refused(settings, socket_dir):
    settings.CLAMAV_SOCKET = str(socket_dir / "not-there.sock")
    with pytest.raises(ValidationError) as error:
        check("verslag.txt", CLEAN)
    assert error.value.messages[0].startswith(UNAVAILABLE)


@pytest.mark.parametrize("reply", [b"INSTREAM size limit exceeded. ERROR\0", b""])
def test_an_error_or_no_answer_from_clamd_refuses_the_upload(settings, socket_dir, reply):
    fake = FakeClamd(socket_dir / "clamd.sock", reply=reply)
    settings.CLAMAV_SOCKET = fake.path
    try:
        with pytest.raises(ValidationError) as error:
            check("verslag.txt", CLEAN)
    finally:
        fake.close()
    assert error.value.messages[0].startswith(UNAVAILABLE)
