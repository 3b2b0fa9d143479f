"""How the report's content is measured and fitted to the page (pure): text widths, and what
fits on the year at a glance.
"""
