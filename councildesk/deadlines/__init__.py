"""The deadline calculator: statutory regimes and the council's own targets, with every skipped day explained."""
