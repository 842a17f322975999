"""What the translation checks share: pairing units and positions (context.py), text analysis
(text.py), the parity.toml settings (config.py); and `policy stamp` (stamp.py).

The checks themselves are registered units in engine/checks/.
"""
