"""The site's URLs: each app brings its own."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("pillars.timeuse.urls")),
    path("customers/", include("pillars.customers.urls")),
    path("quota/", include("pillars.quota.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
