"""Where the trust bank lives and the names its tables use (constants only, so every trust module can read them).

>>> FORMS
('form_a', 'form_b', 'form_c')
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ITEMS_FILE = HERE / "items.csv"
"""The bank's items (the teacher's copy; a student release has :data:`SEALED_BANK` instead)."""
REASONS_FILE = HERE / "reasons.csv"
"""Why an item deserves trust or not, one row per reason."""
SEALED_BANK = "items.sealed.json"
"""The sealed bank's file name in a student release, beside where ``items.csv`` was."""
FORMS = ("form_a", "form_b", "form_c")
"""The three parallel forms of the transfer test."""
SETS = FORMS + ("prebunk", "sorter") + tuple(f"review_{n:02d}" for n in range(1, 6))
"""Every value ``set`` may take in ``items.csv``."""
FORMATS = ("headline", "post", "short_article", "quote")
"""The formats an item comes in."""
