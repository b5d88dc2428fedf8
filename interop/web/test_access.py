"""Only the holder of the printed address can use the page: requests
without the token, with a foreign Host, and WebSocket upgrades from another
Origin are refused (docs/web.md). Plain HTTP, not the browser."""

from __future__ import annotations

import base64
import http.client
import os
import socket
from urllib.parse import urlsplit

import pytest

FORBIDDEN_BODY = b"missing or wrong access token"
CSP = ("default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; "
       "script-src 'self'; frame-ancestors 'none'")


@pytest.fixture(scope="module")
def address(web_url):
    """(host, port, "/TOKEN/") of the printed address."""
    parts = urlsplit(web_url)
    assert parts.hostname == "127.0.0.1", web_url
    assert parts.path.endswith("/") and len(parts.path.strip("/")) == 43, web_url
    return parts.hostname, parts.port, parts.path


def get(address, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    host, port, _ = address
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def upgrade(address, origin: str | None) -> bytes:
    """The status line and headers the server answers a WebSocket upgrade of /TOKEN/ws with."""
    host, port, base = address
    lines = [f"GET {base}ws HTTP/1.1", f"Host: {host}:{port}", "Upgrade: websocket", "Connection: Upgrade",
             f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}", "Sec-WebSocket-Version: 13"]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer


def test_the_page_is_served_under_the_token_with_the_security_headers(address):
    response = get(address, address[2])
    assert response.status == 200
    assert b'<script type="module" src="app.js"></script>' in response.body
    assert response.getheader("Content-Security-Policy") == CSP
    assert response.getheader("Cache-Control") == "no-store"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert response.getheader("Access-Control-Allow-Origin") is None


@pytest.mark.parametrize("path", ["/", "/index.html", "/app.js", "/ws", "/wrong-token/", "TOKEN_WITH_ONE_LETTER_CHANGED"])
def test_requests_without_the_right_token_are_forbidden(address, path):
    if path == "TOKEN_WITH_ONE_LETTER_CHANGED":
        token = address[2].strip("/")
        path = "/" + ("A" if token[0] != "A" else "B") + token[1:] + "/"
    response = get(address, path)
    assert (response.status, response.body) == (403, FORBIDDEN_BODY)


def test_the_token_without_its_slash_redirects_to_the_page(address):
    response = get(address, address[2].rstrip("/"))
    assert response.status in (301, 302, 303, 307, 308)
    assert response.getheader("Location").endswith(address[2])


def test_a_foreign_host_header_is_forbidden(address):
    response = get(address, address[2], {"Host": f"evil.example:{address[1]}"})
    assert response.status == 403


@pytest.mark.parametrize("origin", ["http://evil.example", None, "http://127.0.0.1:1"])
def test_websocket_upgrades_from_a_foreign_or_missing_origin_are_forbidden(address, origin):
    answer = upgrade(address, origin)
    assert answer.startswith(b"HTTP/1.1 403"), answer[:200]


def test_websocket_upgrades_from_the_page_origin_are_accepted(address):
    host, port, _ = address
    answer = upgrade(address, f"http://{host}:{port}")
    assert answer.startswith(b"HTTP/1.1 101"), answer[:200]
