"""No models: tenancy adds row-level security to the other apps' tables (rls.py). This module exists so that
Django sends this app the post_migrate signal, which installs the policies."""
