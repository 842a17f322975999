"""Exports of the compiled bundle to other policy languages and formats.

Each exporter is a pure function of the bundle (`engine.compile`'s output), so every export
holds exactly the rules the engine answers from; tests/test_agreement.py asks every leaf
question of each through its own evaluator and compares with the engine. Only the Cedar
folder is written here (engine/export/files.py `write_cedar`: whether its folder may be
replaced is the export's to decide, not the CLI's); the other exports are one file each.
"""
