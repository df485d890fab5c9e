"""How the matrix fills URL parameters that name an object (an enquiry, a document, ...).

Each entry maps a URL parameter name to a function of the council slug that returns a value for an object of
that council, taken from the demo data. Features add their own entries here.
"""

from __future__ import annotations

from collections.abc import Callable

PARAMS: dict[str, Callable[[str], str]] = {}

# API routes that need query parameters: route -> function of the slug returning the query dict.
API_QUERY: dict[str, Callable[[str], dict[str, str]]] = {}
