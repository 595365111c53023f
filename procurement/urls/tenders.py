from django.urls import path

from procurement.views import assessment as views_assessment
from procurement.views import tenders as views

urlpatterns = [
    path("inschrijvingen/", views.my_tenders, name="my_tenders"),
    path("percelen/<int:lot_pk>/inschrijven/", views.tender_form, name="tender_form"),
    path("inschrijvingen/<int:pk>/ontvangstbewijs/", views.receipt, name="tender_receipt"),
    path("gunningsbrieven/<int:pk>/", views.award_letter, name="award_letter"),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/uitnodiging-tot-inschrijving/",
        views.publish_invitation,
        name="tender_publish_invitation",
    ),
    path("<int:procurement_pk>/percelen/<int:lot_pk>/kluis/", views.vault, name="tender_vault"),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/kluis/openen/",
        views.start_opening,
        name="tender_start_opening",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/kluis/bevestigen/",
        views.confirm_opening,
        name="tender_confirm_opening",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/kluis/proces-verbaal/",
        views.opening_report,
        name="tender_opening_report",
    ),
    path("percelen/<int:lot_pk>/beoordelen/", views_assessment.scoring, name="tender_scoring"),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/",
        views_assessment.committee,
        name="tender_committee",
    ),
    path("inschrijvingen/<int:pk>/inhoud/", views.tender_detail, name="tender_detail"),
    path("inschrijvingen/<int:pk>/inhoud/<int:file_pk>/", views.tender_file, name="tender_file"),
]
