from django.db import migrations

from regions.data import load_regions


def seed_regions(apps, schema_editor):
    load_regions(apps.get_model("regions", "Region"), apps.get_model("regions", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(seed_regions, migrations.RunPython.noop)]
