"""Settings modules: ``base`` (embedded default), ``test`` and ``production``."""
