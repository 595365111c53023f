from django.urls import path

from procurement.views import questions as views

urlpatterns = [
    path("<int:pk>/vragen/", views.question_list, name="questions"),
    path("<int:pk>/vragen/<int:question_id>/beantwoorden/", views.question_answer, name="question_answer"),
    path("<int:pk>/vragen/rondes/<int:round_id>/publiceren/", views.round_publish, name="round_publish"),
    path("<int:pk>/antwoorden/", views.answer_list, name="answers"),
]
