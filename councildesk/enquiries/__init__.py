"""Enquiries: councillors' requests to officers (and officers' questions to councillors), routed by the profile."""
