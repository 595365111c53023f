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
    path("<int:pk>/besteding/", views.spend, name="spend"),
    path("<int:pk>/beeindigen/", views.terminate, name="terminate"),
]
