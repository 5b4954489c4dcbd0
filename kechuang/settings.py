"""Settings for Kechuang. Everything a deployment changes comes from the environment (see README)."""

import datetime as dt
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from kechuang.env import data_dir, env_bool, env_list, env_region_codes, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Off unless the developer asks (`make run` does, with KECHUANG_DEBUG=true): a forgotten variable must not
# show tracebacks and URL patterns to the public.
DEBUG = env_bool("KECHUANG_DEBUG", False)
# A development key is acceptable only while DEBUG is on; production must set its own.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-set-KECHUANG_SECRET_KEY"  # noqa: S105 - only while DEBUG
SECRET_KEY = env_str("KECHUANG_SECRET_KEY", DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    import sys

    # One line a person can act on, not a traceback through Django's set-up.
    sys.exit(
        "kechuang: 未设置 KECHUANG_SECRET_KEY。生产环境请设置一个至少 50 位的随机密钥，例如 "
        "KECHUANG_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')；"
        "开发时可设置 KECHUANG_DEBUG=true。 (KECHUANG_SECRET_KEY is not set; see README, Production.)"
    )
ALLOWED_HOSTS = env_list("KECHUANG_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("KECHUANG_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "axes",
    "ninja",  # serves the API docs' Swagger UI from local static files (offline intranets)
    "accounts",
    "registry",
    "policies",
    "benefits",
    "planning",
    "sharing",
    "transfer",
    "finance",
    "matching",
    "evaluation",
    "ops",
]

MIDDLEWARE = [
    "ops.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kechuang.middleware.CleanInputMiddleware",
    "kechuang.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "policies.unit_aliases.LearnedUnitsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with accounts.lockout.locked_out.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failed logins (pages and admin alike) and locks out
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kechuang.urls"
WSGI_APPLICATION = "kechuang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kechuang" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "kechuang.sqlite3",
            "OPTIONS": {
                # WAL lets the task worker write while the web server reads.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one address,
# that pair is locked out for the cool-off time and told when to retry; a success resets the count.
AXES_FAILURE_LIMIT = int(env_str("KECHUANG_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env_str("KECHUANG_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_VERBOSE = False
# API tokens expire after this many days unless issued with --days (0: never).
API_TOKEN_DAYS = int(env_str("KECHUANG_API_TOKEN_DAYS", "90"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["kechuang.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# The regions this deployment serves (GB/T 2260 codes): the home page's region selector offers them and the
# region pickers list their provinces. By default the provinces and cities of the seed policies.
SERVED_REGIONS = env_region_codes(
    "KECHUANG_REGIONS", ["370000", "370300", "371600", "371000", "520000", "520400"]
)


def vendored(name: str, npm_dist: str) -> Path:
    """Front-end assets: node_modules in a checkout, else the copy the wheel carries (setup.py)."""
    checkout = BASE_DIR / "node_modules" / npm_dist
    return checkout if checkout.is_dir() else BASE_DIR / "kechuang" / "vendor" / name


STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    # The project package is not an installed app, so its own static folder is listed here.
    BASE_DIR / "kechuang" / "static",
    ("vendor/htmx", vendored("htmx", "htmx.org/dist")),
    ("vendor/echarts", vendored("echarts", "echarts/dist")),
]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploads above this size are refused before they reach the parsers (see registry.uploads).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Attachments (progress reports, close-out evidence) are documents, not data files (kechuang.downloads).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

REDIS_URL = env_str("KECHUANG_REDIS_URL", "")
if REDIS_URL:
    # Several workers must agree on cached figures (planning counts, see planning.indicators).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # The embedded set-up serves from one process; its cache needs no server.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# `database` (the embedded default) or `rq` (Redis at KECHUANG_REDIS_URL, workers anywhere), or a dotted path.
TASK_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
TASK_BACKEND = env_str("KECHUANG_TASK_BACKEND", "database")
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(TASK_BACKEND, TASK_BACKEND)}}
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}
METRICS_ALLOWED_IPS = env_list("KECHUANG_METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Pages and ECharts run no inline script (kechuang/static/kechuang/charts.js, confirm.js); styles keep
# 'unsafe-inline' for the style attributes of templates and the ones ECharts and htmx set.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Static files straight from the apps' folders as well as from STATIC_ROOT: a server started without
# `collectstatic` still serves every asset (`kechuang serve` runs collectstatic anyway, for compression).
WHITENOISE_USE_FINDERS = True
if not DEBUG:
    # HTTPS unless the deployer says the site is plain HTTP (an intranet without TLS): secure cookies,
    # redirect to HTTPS (health and metrics probes exempt), HSTS for a year.
    HTTPS = env_bool("KECHUANG_SECURE_COOKIES", True)
    SESSION_COOKIE_SECURE = HTTPS
    CSRF_COOKIE_SECURE = HTTPS
    SECURE_SSL_REDIRECT = HTTPS and env_bool("KECHUANG_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
    SECURE_HSTS_SECONDS = int(env_str("KECHUANG_HSTS_SECONDS", "31536000")) if HTTPS else 0
    # The site's own host and the names under it (kc.example.cn covers *.kc.example.cn, not example.cn).
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KECHUANG_HSTS_INCLUDE_SUBDOMAINS", True)
    # Preloading is the owner of the registrable domain's decision (a bureau's site is usually one name
    # under a government domain), so it is asked for, not assumed, and its reminder silenced.
    SECURE_HSTS_PRELOAD = env_bool("KECHUANG_HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
    if env_bool("KECHUANG_BEHIND_PROXY", True):
        # The reverse proxy (nginx …) terminates TLS and says so in X-Forwarded-Proto.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# One JSON object per line for log collectors (KECHUANG_LOG_FORMAT=text for people reading a terminal).
LOG_FORMAT = env_str("KECHUANG_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("KECHUANG_LOG_LEVEL", "WARNING")},
    "loggers": {"kechuang.requests": {"level": "WARNING" if DEBUG else "INFO"}},  # one line per request
}
