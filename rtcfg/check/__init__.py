"""Steps three to five: model the session (pydantic, strict), run the rules, and return the
one immutable result every command reads.
"""
