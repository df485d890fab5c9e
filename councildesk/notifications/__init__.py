"""In-app notifications and the email outbox (written in the same transaction as the change that causes it)."""
