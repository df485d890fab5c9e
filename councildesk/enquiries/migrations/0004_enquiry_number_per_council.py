"""Enquiry numbers per council: each council's enquiries numbered 1, 2, 3… in the order they were raised, and a
counter row per council holding the last number given."""

import django.db.models.deletion
from django.db import migrations, models


def number_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    Enquiry = apps.get_model("enquiries", "Enquiry")
    Counter = apps.get_model("enquiries", "EnquiryCounter")
    last: dict[int, int] = {}
    for pk, council_id in Enquiry.objects.order_by("council_id", "id").values_list("id", "council_id"):
        last[council_id] = last.get(council_id, 0) + 1
        Enquiry.objects.filter(pk=pk).update(number=last[council_id])
    Counter.objects.bulk_create([Counter(council_id=c, last=n) for c, n in last.items()])


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0001_initial"),
        ("enquiries", "0003_confirmed_targets_and_committee"),
    ]

    operations = [
        migrations.CreateModel(
            name="EnquiryCounter",
            fields=[
                (
                    "council",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        serialize=False,
                        to="councils.council",
                    ),
                ),
                ("last", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="enquiry",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="enquiry",
            constraint=models.UniqueConstraint(fields=("council", "number"), name="enquiry_number_per_council"),
        ),
    ]
