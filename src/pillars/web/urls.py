"""The site's URLs: each app brings its own."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from pillars.api.api import api

urlpatterns = [
    path("", include("pillars.timeuse.urls")),
    path("customers/", include("pillars.customers.urls")),
    path("quota/", include("pillars.quota.urls")),
    path("", include("pillars.teams.urls")),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
