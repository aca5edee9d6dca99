from django.urls import path

from pillars.quota import views

app_name = "quota"

urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("save/", views.save, name="save"),
    path("workbook.xlsx", views.workbook, name="workbook"),
    path("scenarios/", views.scenario_list, name="scenarios"),
    path("scenarios/<int:scenario_id>/", views.scenario_detail, name="scenario"),
    path(
        "scenarios/<int:scenario_id>/workbook.xlsx",
        views.scenario_workbook,
        name="scenario_workbook",
    ),
    path("people/<int:person_id>/", views.person_scenarios, name="person"),
    path("teams/<int:team_id>/", views.team_scenarios, name="team"),
]
