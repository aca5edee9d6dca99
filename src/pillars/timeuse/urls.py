from django.urls import path

from pillars.timeuse import views

urlpatterns = [
    path("", views.home, name="home"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
]
