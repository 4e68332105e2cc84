from django.contrib import admin

from meetings import models
from seongdong_gov.admin import AuditedModelAdmin

for model in (
    models.MeetingSeries,
    models.Meeting,
    models.AgendaItem,
    models.Minutes,
    models.ConveningRequest,
):
    admin.site.register(model, AuditedModelAdmin)
