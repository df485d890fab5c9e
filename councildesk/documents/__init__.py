"""Documents and need-to-know access: classification, requests, decisions and the disclosure log."""
