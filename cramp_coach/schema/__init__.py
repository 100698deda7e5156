"""YAML ⇄ domain: the declarative field spec, the validating loader and the JSON Schema.

Depends on :mod:`cramp_coach.domain` and PyYAML; never on Qt.
"""
