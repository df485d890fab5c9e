"""A bare Django site for bench/http.py: one list page over the enquiries table, nothing else. Not the product."""
