import os

from django.core.wsgi import get_wsgi_application

from seongdong_gov.runtime import freeze_startup_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seongdong_gov.settings")
application = get_wsgi_application()
freeze_startup_objects()
