from django.contrib.auth import views as auth_views
from django.urls import path

from pillars.teams import views
from pillars.teams.forms import InvitingPasswordResetForm

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=InvitingPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("users/", views.user_list, name="users"),
    path("users/invite/", views.invite, name="invite_user"),
    path("users/<int:person_id>/aliases/", views.aliases, name="aliases"),
]
