"""``python -m xl_addin`` runs the lscb-report command."""

import sys

from .cli import main

sys.exit(main())
