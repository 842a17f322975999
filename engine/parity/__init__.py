"""What the translation checks share: pairing units and positions (context.py), text analysis
(text.py), the parity.toml settings (config.py); and `policy stamp` (stamp.py), with how a
command names a part that has no printed number (naming.py).

The checks themselves are registered units in engine/checks/.
"""
