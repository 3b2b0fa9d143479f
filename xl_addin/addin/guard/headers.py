"""Security headers on every answer: the Content-Security-Policy, nosniff, and HSTS on HTTPS.

The policy allows what the task pane and the download page load and nothing more: scripts,
styles, images and fonts from the add-in's own address (xlwings Server serves Office.js,
Bootstrap and its own scripts from there), Microsoft's Office.js CDN, which Office.js
itself may load from, and ``data:`` images (Bootstrap draws its small icons that way).
No inline script or style, no plugins, forms post only to the add-in itself. No
``frame-ancestors``: Excel shows the task pane inside its own frame, on addresses
Microsoft does not list.

HSTS is sent only on a request that arrived over HTTPS (directly, or from a reverse
proxy that uvicorn trusts to say so), never over plain HTTP, where it means nothing.
"""

from __future__ import annotations

from starlette.types import Message, Send

__all__ = ["CSP", "HSTS", "with_security_headers", "security_headers"]

OFFICE_CDN = "https://appsforoffice.microsoft.com"
CSP = "; ".join([
    "default-src 'self'",
    f"script-src 'self' {OFFICE_CDN}",
    f"connect-src 'self' {OFFICE_CDN}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])
HSTS = "max-age=31536000; includeSubDomains"
REPLACED = {b"content-security-policy", b"x-content-type-options", b"strict-transport-security"}


def security_headers(*, https: bool) -> list[tuple[bytes, bytes]]:
    """Our headers, as (name, value) pairs: HSTS only on a request that came over HTTPS."""
    ours = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff")]
    if https:
        ours.append((b"strict-transport-security", HSTS.encode()))
    return ours


def with_security_headers(send: Send, *, https: bool) -> Send:
    """Wrap ``send`` so that each response carries our headers, replacing any others'."""
    ours = security_headers(https=https)

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            kept = [(name, value) for name, value in message.get("headers", [])
                    if name.lower() not in REPLACED]
            message = {**message, "headers": kept + ours}
        await send(message)

    return send_with_headers
