"""Sign-in with tokens issued by IT (``XLWINGS_AUTH_PROVIDERS=["custom"]``).

The ``xlwings-server add auth custom`` pattern: xlwings Server passes the Authorization
header of each request here. IT gives each user (or team) a random token and lists only its
SHA-256 in ``XLWINGS_LSCB_TOKENS``, e.g. ``{"Business unit": "<hex digest>"}``; the user
enters the token once in the task pane. A missing or unknown token gets 401.
"""

from __future__ import annotations

import hashlib
import secrets

from fastapi import HTTPException, status
from xlwings_server.config import settings
from xlwings_server.models import User


async def validate_token(token_string: str) -> User:
    token = token_string.removeprefix("Bearer ").strip()
    digest = hashlib.sha256(token.encode()).hexdigest()
    for name, expected in settings.lscb_tokens.items():
        if token and secrets.compare_digest(digest, expected.strip().lower()):
            return User(id=name, name=name)
    raise HTTPException(status.HTTP_401_UNAUTHORIZED,
                        "Sign-in token missing or not recognised. Enter the token IT gave you "
                        "under 'Sign-in' in the LSCB Report task pane.")
