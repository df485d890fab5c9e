import datetime as dt

from django.db import migrations, models


def expire_existing(apps, schema_editor):
    """Tokens issued before expiry existed run out a year after they were issued (or 30 days from now)."""
    ApiToken = apps.get_model("api", "ApiToken")
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    for token in ApiToken.objects.filter(expires_at=None):
        token.expires_at = max(token.created_at + dt.timedelta(days=365), soon)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("api", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(blank=True, help_text="Refused from this moment on.", null=True),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="read_only",
            field=models.BooleanField(default=False, help_text="May read (GET) but not change anything."),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
    ]
