"""The procurement app's URLs, one module per area; every name is in the ``procurement`` namespace."""

from procurement.urls import documents, pages, preselection, questions, registration, tenders

app_name = "procurement"

urlpatterns = [
    *pages.urlpatterns,
    *documents.urlpatterns,
    *questions.urlpatterns,
    *registration.urlpatterns,
    *preselection.urlpatterns,
    *tenders.urlpatterns,
]
