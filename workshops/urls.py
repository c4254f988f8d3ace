from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from .forms import EmailAuthenticationForm
from .views import accounts, facilitator, health, paradigm, participants, pictures, slides

urlpatterns = [
    # Participants
    path("", participants.landing, name="landing"),
    path("join/", participants.join, name="join"),
    path("j/<str:code>/", participants.join_link, name="join_link"),
    path("r/<str:code>/", participants.room, name="room"),
    path("r/<str:code>/pictures/", pictures.picture_upload, name="picture_upload"),
    # Facilitator accounts
    path("accounts/signup/", accounts.signup, name="signup"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password_reset/done/",
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
    # Workshops
    path("workshops/", facilitator.workshop_list, name="workshop_list"),
    path("workshops/new/", facilitator.workshop_new, name="workshop_new"),
    path("workshops/<int:pk>/", facilitator.workshop_detail, name="workshop_detail"),
    path("workshops/<int:pk>/delete/", facilitator.workshop_delete, name="workshop_delete"),
    path(
        "workshops/<int:pk>/room-code/",
        facilitator.room_code_regenerate,
        name="room_code_regenerate",
    ),
    path("workshops/<int:pk>/close/", facilitator.room_close, name="room_close"),
    path("workshops/<int:pk>/reopen/", facilitator.room_reopen, name="room_reopen"),
    path("workshops/<int:pk>/activities/", facilitator.activity_add, name="activity_add"),
    path(
        "workshops/<int:pk>/activities/<int:activity_pk>/",
        facilitator.activity_edit,
        name="activity_edit",
    ),
    path(
        "workshops/<int:pk>/activities/<int:activity_pk>/settings/",
        facilitator.activity_settings,
        name="activity_settings",
    ),
    path(
        "workshops/<int:pk>/activities/<int:activity_pk>/remove/",
        facilitator.activity_remove,
        name="activity_remove",
    ),
    path(
        "workshops/<int:pk>/activities/<int:activity_pk>/move/",
        facilitator.activity_move,
        name="activity_move",
    ),
    path(
        "workshops/<int:pk>/activities/<int:activity_pk>/dimensions/",
        paradigm.dimension_add,
        name="dimension_add",
    ),
    path(
        "workshops/<int:pk>/dimensions/<int:dimension_pk>/",
        paradigm.dimension_edit,
        name="dimension_edit",
    ),
    path(
        "workshops/<int:pk>/dimensions/<int:dimension_pk>/move/",
        paradigm.dimension_move,
        name="dimension_move",
    ),
    path(
        "workshops/<int:pk>/dimensions/<int:dimension_pk>/remove/",
        paradigm.dimension_remove,
        name="dimension_remove",
    ),
    path(
        "workshops/<int:pk>/activities/<int:activity_pk>/slides/",
        slides.slide_add,
        name="slide_add",
    ),
    path("workshops/<int:pk>/slides/<int:slide_pk>/", slides.slide_edit, name="slide_edit"),
    path("workshops/<int:pk>/slides/<int:slide_pk>/move/", slides.slide_move, name="slide_move"),
    path(
        "workshops/<int:pk>/slides/<int:slide_pk>/remove/",
        slides.slide_remove,
        name="slide_remove",
    ),
    path("workshops/<int:pk>/present/", facilitator.present, name="present"),
    path("healthz", health.healthz, name="healthz"),
]
