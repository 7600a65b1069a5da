"""The vocabulary every step shares: the Diagnostic, the code registry, errors, paths into
data, did-you-mean, and which values are secrets.
"""
