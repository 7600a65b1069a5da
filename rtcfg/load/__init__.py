"""Step one: turn a path (a file, stdin, REV:path, a shipped profile) into text, parse it
with positions, and compose it (extends, !include, ${VAR}).
"""
