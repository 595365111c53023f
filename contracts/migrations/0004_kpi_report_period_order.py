from django.db import migrations, models
from django.db.models.functions import Cast, Coalesce, NullIf, Substr

# KpiReport.Meta.ordering: by kpi, then by the day the period ends, a year after its fourth quarter
# (contracts.models.PERIOD_ORDER as it was at this migration). Only the model state changes.
PERIOD_ORDER = Cast(Substr("period", 1, 4), models.IntegerField()) * 10 + Coalesce(
    Cast(NullIf(Substr("period", 7, 1), models.Value("")), models.IntegerField()), 5
)


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0003_kpi_frequency_choices"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="kpireport",
            options={"ordering": ["kpi_id", PERIOD_ORDER.asc()]},
        ),
    ]
