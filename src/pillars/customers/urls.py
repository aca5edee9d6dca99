from django.urls import path

from pillars.customers import views

app_name = "customers"
urlpatterns = [
    path("", views.account_list, name="accounts"),
    path("accounts/<int:account_id>/", views.account_detail, name="account"),
    path("funnel/", views.funnel, name="funnel"),
    path("capacity/", views.capacity_team, name="capacity"),
    path("capacity/<int:person_id>/", views.capacity_person, name="capacity_person"),
]
