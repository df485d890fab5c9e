"""Signing in and staying safe: lockouts, the second factor, passwords and their reset (ADR 0014)."""
