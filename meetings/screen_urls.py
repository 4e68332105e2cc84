"""The meeting room's screen, mounted at /screen/ by the root URLconf (namespace `screen`): no login."""

from django.urls import path

from meetings.views import screen

app_name = "screen"

urlpatterns = [
    path("<str:token>/", screen.screen_page, name="page"),
    path("<str:token>/state/", screen.screen_state, name="state"),
]
