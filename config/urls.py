from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from .health import health

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("account/", include("accounts.urls")),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("aanbestedingen/", include("procurement.urls")),
    path("dialoog/", include("dialogue.urls")),
    path("", include("dashboards.urls")),
]

admin.site.site_header = "Dialoog"
admin.site.site_title = "Dialoog"
