import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kechuang.settings")
application = get_wsgi_application()
# Everything loaded at start-up lives as long as the worker: keeping it out of the collector's
# generations stops full collections from scanning it on every few requests (bench/planning).
gc.freeze()
