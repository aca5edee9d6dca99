from django.urls import path

from pillars.timeuse import views

urlpatterns = [
    path("", views.home, name="home"),
]
