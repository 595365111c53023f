from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("", views.register, name="register"),
    path("aanbesteding/<int:procurement_pk>/nieuw/", views.contract_new, name="new"),
    path("aanbesteding/<int:procurement_pk>/sjabloon/", views.template_edit, name="template"),
    path("perceel/<int:lot_pk>/", views.lot_contracts, name="lot"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/versies/nieuw/", views.version_new, name="version_new"),
    path("<int:pk>/versies/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("<int:pk>/ondertekenen/", views.sign, name="sign"),
    path("<int:pk>/contrasigneren/", views.countersign, name="countersign"),
    path("<int:pk>/kpi/", views.kpi_upload, name="kpi_upload"),
    path("<int:pk>/kpi/richting/", views.kpi_direction, name="kpi_direction"),
    path("<int:pk>/besteding/", views.spend, name="spend"),
    path("<int:pk>/beeindigen/", views.terminate, name="terminate"),
    path("<int:pk>/einde-looptijd/", views.end, name="end"),
    path("<int:pk>/partijen/", views.party_add, name="party_add"),
    path("<int:pk>/partijen/<int:party_pk>/verwijderen/", views.party_remove, name="party_remove"),
    path("<int:pk>/evaluaties/", views.evaluations, name="evaluations"),
    path("<int:pk>/evaluaties/<int:year>/starten/", views.evaluation_start, name="evaluation_start"),
    path("<int:pk>/evaluaties/<int:year>/uitkomst/", views.evaluation_record, name="evaluation_record"),
    path("<int:pk>/evaluaties/<int:year>/afsluiten/", views.evaluation_close, name="evaluation_close"),
    path("<int:pk>/evaluaties/<int:year>/verslag/", views.evaluation_report, name="evaluation_report"),
]
