from django.contrib import admin

from meetings import models

for model in (
    models.MeetingSeries,
    models.Meeting,
    models.AgendaItem,
    models.Minutes,
    models.ConveningRequest,
):
    admin.site.register(model)
