from django.db import migrations

from procurement.care_types import load_care_types


def seed(apps, schema_editor):
    load_care_types(apps.get_model("procurement", "CareType"))


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
