"""Exports of the compiled bundle to other policy languages and formats.

Each exporter is a pure function of the bundle (`engine.compile`'s output), so every export
holds exactly the rules the engine answers from; tests/test_agreement.py asks every leaf
question of each through its own evaluator and compares with the engine.
"""
