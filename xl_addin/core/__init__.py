"""What every layer shares: the tool's errors, a reader's raw cells, findings, values, years,
number formats and colours.

Nothing here imports another package of the tool.
"""
