"""A new reporting year: next year's rows worked out from this year's (pure: the rules are data
in the profile).
"""
