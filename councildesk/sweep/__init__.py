"""Sweep: all time-based work (reminders, overdue notices, escalation, outbox delivery, scheduled reclassification)."""
