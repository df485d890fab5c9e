import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('councils', '0001_initial'),
        ('people', '0002_co_opted_member'),
    ]

    operations = [
        migrations.CreateModel(
            name='MonitoringArrangement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.DateField()),
                ('end', models.DateField(blank=True, null=True)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='served_by', to='councils.council')),
                ('principal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='serves', to='councils.council')),
            ],
            options={
                'ordering': ['principal', 'council', 'start'],
                'abstract': False,
                'constraints': [
                    models.CheckConstraint(condition=models.Q(('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='monitoringarrangement_end_after_start'),
                    models.CheckConstraint(condition=models.Q(('council', models.F('principal')), _negated=True), name='arrangement_not_itself'),
                ],
            },
        ),
    ]
