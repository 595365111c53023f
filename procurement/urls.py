from django.urls import include, path

app_name = "procurement"

urlpatterns = [
    path("", include("procurement.urls_pages")),
    path("", include("procurement.urls_documents")),
    path("", include("procurement.urls_questions")),
    path("", include("procurement.urls_registration")),
    path("", include("procurement.urls_preselection")),
    path("", include("procurement.urls_tenders")),
]
