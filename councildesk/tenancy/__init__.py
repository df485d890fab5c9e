"""Tenancy in the database: PostgreSQL row-level security on every table with a council column (ADR 0015)."""
