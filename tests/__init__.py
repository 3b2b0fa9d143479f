"""The test suite; laid out like the package (docs/architecture.md, "Tests").

Every pytest-xdist worker, and every command the tests run as a process of its own, imports
the tool's modules and the test modules; compiled once and kept in ``__pycache__`` (ignored
by git), they are not compiled again by each, about 0.8 s a process. So the suite keeps
bytecode even where the environment asks Python not to (``PYTHONDONTWRITEBYTECODE``): this
package is imported before any of the tool's modules or tests.
"""

import sys

sys.dont_write_bytecode = False
