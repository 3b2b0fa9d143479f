"""File policy: which files are refused before they are parsed, how outputs are written (whole
or not at all) and where the shipped files live.
"""
