from django.urls import path

from procurement.views import preselection as views

urlpatterns = [
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/criteria/", views.criteria, name="preselection_criteria"
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/preselectie-instellingen/",
        views.preselection_settings,
        name="preselection_settings",
    ),
    path(
        "<int:procurement_pk>/criteria/<int:pk>/verwijderen/",
        views.remove_criterion,
        name="preselection_remove_criterion",
    ),
    path("<int:procurement_pk>/aanmeldingen/<int:pk>/beoordeling/", views.review, name="preselection_review"),
    path(
        "<int:procurement_pk>/aanmeldingen/<int:pk>/beoordeling/bevestigen/",
        views.confirm,
        name="preselection_confirm",
    ),
    path(
        "<int:procurement_pk>/aanmeldingen/<int:pk>/beoordeling/terugsturen/",
        views.send_back,
        name="preselection_send_back",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/besluiten-publiceren/",
        views.publish,
        name="preselection_publish",
    ),
    path("aanmeldingen/<int:pk>/besluit/", views.decision_letter, name="preselection_letter"),
]
