from django.db import migrations, models

# The frequency was copied as free text: the agreement's value, or its name in the language the
# dialogue was closed in. It becomes the value; the names as they were at this migration.
FREQUENCIES = {
    "monthly": "monthly",
    "maandelijks": "monthly",
    "quarterly": "quarterly",
    "per kwartaal": "quarterly",
    "yearly": "yearly",
    "jaarlijks": "yearly",
}


def to_values(apps, schema_editor):
    ContractKpi = apps.get_model("contracts", "ContractKpi")
    for kpi in ContractKpi.objects.exclude(frequency=""):
        kpi.frequency = FREQUENCIES.get(kpi.frequency.strip().lower(), "")
        kpi.save(update_fields=["frequency"])


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0002_evaluation_flow_kpi_direction"),
    ]

    operations = [
        migrations.RunPython(to_values, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contractkpi",
            name="frequency",
            field=models.CharField(
                blank=True,
                choices=[("monthly", "monthly"), ("quarterly", "quarterly"), ("yearly", "yearly")],
                max_length=10,
                verbose_name="reporting frequency",
            ),
        ),
    ]
