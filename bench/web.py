"""Just enough HTTP/1.1 for a phone joining a room: GET, form POST, cookies.

The standard library's clients block; a simulated phone lives on an asyncio loop with hundreds
of others, so it speaks HTTP over ``asyncio.open_connection`` itself, one connection per request
(``Connection: close``), the way a phone's first visit opens fresh connections.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlencode


class HttpError(Exception):
    """The server answered something a phone would not expect."""


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str:
        name = name.lower()
        return next((value for key, value in self.headers if key == name), "")

    @property
    def set_cookies(self) -> dict[str, str]:
        cookies = {}
        for key, value in self.headers:
            if key == "set-cookie":
                pair = value.split(";", 1)[0]
                name, _, cookie = pair.partition("=")
                cookies[name.strip()] = cookie.strip()
        return cookies

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2 :]
    return bytes(out)


def parse_response(raw: bytes) -> Response:
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        raise HttpError(f"incomplete HTTP response ({len(raw)} bytes)")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise HttpError(f"bad status line {status_line!r}")
    headers = []
    for line in header_lines:
        key, _, value = line.partition(":")
        headers.append((key.strip().lower(), value.strip()))
    response = Response(int(parts[1]), headers, body)
    if "chunked" in response.header("transfer-encoding").lower():
        response.body = _dechunk(body)
    return response


async def request(
    host: str,
    port: int,
    method: str,
    path: str,
    *,
    cookies: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Response:
    """One request on a fresh connection; the whole response is read (the server closes)."""
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Connection: close",
        "User-Agent: culture-room-bench",
        "Accept: text/html",
    ]
    if cookies:
        lines.append(f"Cookie: {cookie_header(cookies)}")
    body = b""
    if form is not None:
        body = urlencode(form).encode()
        lines.append("Content-Type: application/x-www-form-urlencoded")
        lines.append(f"Content-Length: {len(body)}")
    lines.extend(f"{name}: {value}" for name, value in (headers or {}).items())
    payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

    async def exchange() -> bytes:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(payload)
            await writer.drain()
            return await reader.read()
        finally:
            writer.close()

    return parse_response(await asyncio.wait_for(exchange(), timeout))
