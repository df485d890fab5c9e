"""Documents check their uploads with the product's one file inspection, ``councildesk.core.uploads``.

Kept as the documents app's name for it, so callers and tests read ``files.inspect`` and ``files.PDF``.
"""

from councildesk.core.uploads import (
    ALLOWED,
    ALLOWED_NAMES,
    CSV,
    DOCX,
    JPEG,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_EXPANDED_BYTES,
    MAX_ZIP_RATIO,
    ODT,
    PDF,
    PNG,
    TEXT,
    Inspected,
    clean_filename,
    inspect,
)

__all__ = [
    "ALLOWED",
    "ALLOWED_NAMES",
    "CSV",
    "DOCX",
    "JPEG",
    "MAX_ZIP_ENTRIES",
    "MAX_ZIP_EXPANDED_BYTES",
    "MAX_ZIP_RATIO",
    "ODT",
    "PDF",
    "PNG",
    "TEXT",
    "Inspected",
    "clean_filename",
    "inspect",
]
