"""Security headers on every response, as ASGI middleware: a Content-Security-Policy with a fresh nonce
per request for the service's own inline scripts (``request.state.csp_nonce``), no sniffing, no framing,
no referrer to other sites; and redirects that never repeat the Host header the client sent."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
FIXED_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def relative_location(location: str) -> str:
    """'http://whatever-host/pad?x=1' → '/pad?x=1': the service only redirects to itself, and an
    absolute URL would carry the client's Host header back (host header injection, cache poisoning)."""
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc and not location.startswith("//"):
        return location
    path = "/" + parts.path.lstrip("/")  # '//elders.nl/x' would be another host again
    return path + (f"?{parts.query}" if parts.query else "")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        csp = CSP.format(nonce=nonce).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(name, value) for name, value in message.get("headers", [])
                           if name.lower() not in (b"content-security-policy", b"location")]
                location = next((value for name, value in message.get("headers", []) if name.lower() == b"location"), None)
                if location is not None:
                    headers.append((b"location", relative_location(location.decode("latin-1")).encode("latin-1")))
                headers += [(b"content-security-policy", csp), *FIXED_HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
