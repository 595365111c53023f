from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("welkom/", views.public, name="public"),
    path("inkoper/", views.officer, name="officer"),
    path("wethouder/", views.alderman, name="alderman"),
    path("aanbieder/", views.provider, name="provider"),
    path("uitnodigingen/", views.guest, name="guest"),
    path("beoordelaar/", views.assessor, name="assessor"),
    path("geen-rol/", views.no_role, name="no_role"),
    path("raadsrapportage/<int:pk>/aanvragen/", views.request_council_report, name="request_council_report"),
    path("raadsrapportage/<int:pk>/", views.download_council_report, name="council_report"),
    path("audit/", views.audit, name="audit"),
    path("audit/export/", views.audit_export, name="audit_export"),
]
