"""The profiles the tests use: the shipped example's, and small synthetic ones."""

from __future__ import annotations

from pathlib import Path

from xl_addin.paths import example
from xl_addin.schema import Profile, load_profile

__all__ = ["EXAMPLE", "STARTER", "FIXTURES"]

EXAMPLE: Profile = load_profile(example().profile)
STARTER: Profile = load_profile("starter")
FIXTURES = Path(__file__).parent / "fixtures"
