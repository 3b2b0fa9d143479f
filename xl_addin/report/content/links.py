"""Web addresses in the chairs' text, printed as links a reader can follow and read.

A chair writes an address as it is ("see www.cumbrialscb.com/learning") or gives the
words to show, Markdown-style ("see [the LSCB's reviews](http://www.cumbrialscb.com/...)").
:func:`split_links` cuts a paragraph into text and links: a bare address shows without
its "http://" or "https://" (the rest is what people read aloud and type), and links to the
address with a scheme; a trailing full stop or bracket stays outside the link.
"""

from __future__ import annotations

import re

__all__ = ["split_links", "Part"]

Part = tuple[str, str | None]  # (the words shown, the address they link to, or None)
_LINK = re.compile(r"\[([^\[\]]+)\]\(((?:https?://|www\.)[^\s()]+)\)"
                   r"|((?:https?://|www\.)[^\s<>\"]+)", re.IGNORECASE)


def _address(text: str) -> str:
    return text if re.match(r"https?://", text, re.IGNORECASE) else f"http://{text}"


def split_links(text: str) -> list[Part]:
    """``text`` as parts: plain text (address None) and links (see the module notes)."""
    if "www." not in text.casefold() and "http" not in text.casefold():
        return [(text, None)]
    parts: list[Part] = []
    at = 0
    for match in _LINK.finditer(text):
        if match.group(1):
            shown, address = match.group(1), match.group(2)
            tail = ""
        else:
            address = match.group(3)
            stripped = address.rstrip(".,;:!?)'’\"")
            tail, address = address[len(stripped):], stripped
            shown = re.sub(r"^https?://", "", address, flags=re.IGNORECASE).rstrip("/")
        if match.start() > at:
            parts.append((text[at:match.start()], None))
        parts.append((shown, _address(address)))
        if tail:
            parts.append((tail, None))
        at = match.end()
    if at < len(text):
        parts.append((text[at:], None))
    return parts
