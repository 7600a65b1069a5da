"""What commands make of a checked profile: render, migrate, diff, show, explain, and the
JSON Schema for editors.
"""
