"""PDF rendering fetches nothing a template names: no local files, no cloud metadata address, no server on
this machine. A guard refuses every connection beyond loopback, so even a broken renderer sends nothing
outside this machine; a recording HTTP server on 127.0.0.1 proves no request was made."""

import io
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pypdf import PdfReader

from common.pdf import render_pdf

ATTACK = """<!DOCTYPE html>
<html><head>
<link rel="stylesheet" href="http://169.254.169.254/latest/meta-data/">
<link rel="stylesheet" href="http://127.0.0.1:{{ port }}/link.css">
<link rel="stylesheet" href="file:///etc/passwd">
<style>
@import url(http://127.0.0.1:{{ port }}/import.css);
@font-face { font-family: x; src: url(http://127.0.0.1:{{ port }}/font.woff); }
body { background: url(http://127.0.0.1:{{ port }}/background.png); }
</style>
</head><body>
<p>Dialoog PDF safety check</p>
<img src="file:///etc/passwd" alt="">
<img src="http://127.0.0.1:{{ port }}/image.png" alt="">
<img src="http://169.254.169.254/latest/meta-data/iam" alt="">
<object data="file:///etc/passwd"></object>
<embed src="file:///etc/passwd">
<iframe src="file:///etc/passwd"></iframe>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" alt="">
</body></html>
"""


class Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def recording_server():
    Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def outside_connections(monkeypatch):
    """Every attempt to connect beyond loopback, refused and recorded."""
    attempts = []
    connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not str(host).startswith(("127.", "::1")):
            attempts.append(address)
            raise ConnectionRefusedError(f"test guard: no connection to {address}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    return attempts


@pytest.fixture
def attack_template(settings, tmp_path):
    (tmp_path / "attack.html").write_text(ATTACK)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    return "attack.html"


def test_the_guard_and_the_recorder_work(recording_server, outside_connections):
    """Without this, the test below could pass because nothing was listening."""
    from urllib.request import urlopen

    port = recording_server.server_address[1]
    assert urlopen(f"http://127.0.0.1:{port}/probe").read() == b"body { color: red }"  # noqa: S310
    assert Recorder.requests == ["/probe"]
    with pytest.raises(OSError):
        socket.create_connection(("169.254.169.254", 80), timeout=1)
    assert outside_connections == [("169.254.169.254", 80)]


def test_a_pdf_template_cannot_make_the_renderer_fetch_anything(
    recording_server, outside_connections, attack_template
):
    pdf = render_pdf(attack_template, {"port": recording_server.server_address[1]})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Dialoog PDF safety check" in text
    assert "root:" not in text
    assert b"root:x:0:0" not in pdf
    assert Recorder.requests == []
    assert outside_connections == []
