"""config/settings.py read from the environment: each case starts a fresh Python that loads
the settings exactly as daphne would, so nothing of this test process's settings leaks in."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Settings that the cases below set themselves; the rest of the environment is kept.
CONFIG = {
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "PUBLIC_URL",
    "EMAIL_HOST",
    "HTTPS",
    "DB_CONN_MAX_AGE",
    "DB_POOL_MIN_SIZE",
    "DB_POOL_MAX_SIZE",
    "DB_POOL_TIMEOUT",
    "HTTP_THREADS",
    "HTTP_SLOW_MS",
}
SHOW = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "HTTP_SLOW_MS": settings.HTTP_SLOW_MS,
    "DATABASE": {
        key: settings.DATABASES["default"][key] for key in ("ENGINE", "CONN_MAX_AGE", "OPTIONS")
    },
}))
"""


def load_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in CONFIG}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", VAR_DIR=str(tmp_path / "var"))
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_from(tmp_path: Path, **env: str) -> dict:
    result = load_settings(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refusal(tmp_path: Path, **env: str) -> str:
    result = load_settings(tmp_path, **env)
    assert result.returncode != 0, f"The settings were accepted: {result.stdout}"
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr.strip().splitlines()[-1]


# The secret key ---------------------------------------------------------------------------


def test_the_generated_secret_key_is_kept_in_a_file_only_its_owner_can_read(tmp_path):
    first = settings_from(tmp_path)["SECRET_KEY"]

    path = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip() == first
    assert len(first) >= 50
    # The next start reads the same key.
    assert settings_from(tmp_path)["SECRET_KEY"] == first


def test_a_secret_key_file_others_could_read_is_made_private(tmp_path):
    path = tmp_path / "var" / "secret_key"
    path.parent.mkdir()
    path.write_text("an-older-installation-key-" + "x" * 40)
    path.chmod(0o644)

    assert settings_from(tmp_path)["SECRET_KEY"].startswith("an-older-installation-key-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "scaled_out",
    [
        {"REDIS_URL": "redis://127.0.0.1:6379/0"},
        {"DATABASE_URL": "postgres://culture@127.0.0.1:5432/culture_room"},
    ],
    ids=["redis", "postgresql"],
)
def test_a_generated_secret_key_is_refused_when_scaled_out(tmp_path, scaled_out):
    message = refusal(tmp_path, **scaled_out)

    assert "SECRET_KEY must be set" in message
    assert not (tmp_path / "var" / "secret_key").exists()


def test_scaled_out_with_a_secret_key_starts(tmp_path):
    loaded = settings_from(
        tmp_path, REDIS_URL="redis://127.0.0.1:6379/0", SECRET_KEY="a-shared-key-" + "k" * 40
    )
    assert loaded["SECRET_KEY"] == "a-shared-key-" + "k" * 40


def test_a_sqlite_database_url_is_not_scaled_out(tmp_path):
    """The browser tests' servers and a laptop with its database elsewhere keep a generated key."""
    loaded = settings_from(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert loaded["SECRET_KEY"] == (tmp_path / "var" / "secret_key").read_text().strip()


# Hosts ------------------------------------------------------------------------------------


def test_a_laptop_answers_to_any_host(tmp_path):
    assert settings_from(tmp_path)["ALLOWED_HOSTS"] == ["*"]


@pytest.mark.parametrize(
    "served",
    [{"EMAIL_HOST": "smtp.example.com"}, {"HTTPS": "true"}],
    ids=["e-mail", "https"],
)
def test_any_host_is_refused_where_e_mail_or_https_is_configured(tmp_path, served):
    assert "not '*'" in refusal(tmp_path, ALLOWED_HOSTS="*", **served)
    assert "Set ALLOWED_HOSTS (or PUBLIC_URL)" in refusal(tmp_path, **served)


def test_with_e_mail_the_hosts_default_to_the_public_url(tmp_path):
    loaded = settings_from(
        tmp_path, EMAIL_HOST="smtp.example.com", PUBLIC_URL="https://room.example.com/"
    )
    assert loaded["ALLOWED_HOSTS"] == ["room.example.com"]


def test_a_public_url_without_a_scheme_is_refused(tmp_path):
    assert "PUBLIC_URL must start with http" in refusal(tmp_path, PUBLIC_URL="room.example.com")


# Database connections -----------------------------------------------------------------------


def test_postgresql_uses_a_bounded_connection_pool_and_no_persistent_connections(tmp_path):
    database = settings_from(
        tmp_path,
        DATABASE_URL="postgres://culture@127.0.0.1:5432/culture_room",
        SECRET_KEY="k" * 50,
        DB_CONN_MAX_AGE="60",
        DB_POOL_MIN_SIZE="1",
        DB_POOL_MAX_SIZE="4",
    )["DATABASE"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 4, "timeout": 10}


def test_the_pool_has_sane_defaults(tmp_path):
    database = settings_from(
        tmp_path, DATABASE_URL="postgres://culture@127.0.0.1/culture_room", SECRET_KEY="k" * 50
    )["DATABASE"]
    assert database["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 10, "timeout": 10}


def test_a_pool_smaller_than_its_minimum_is_refused(tmp_path):
    message = refusal(
        tmp_path,
        DATABASE_URL="postgres://culture@127.0.0.1/culture_room",
        SECRET_KEY="k" * 50,
        DB_POOL_MIN_SIZE="5",
        DB_POOL_MAX_SIZE="2",
    )
    assert "DB_POOL_MIN_SIZE and DB_POOL_MAX_SIZE" in message


def test_sqlite_keeps_its_connection_open_without_a_pool(tmp_path):
    database = settings_from(tmp_path)["DATABASE"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["CONN_MAX_AGE"] == 60
    assert "pool" not in database["OPTIONS"]


def test_sqlite_runs_one_quick_page_at_a_time_and_postgresql_several(tmp_path):
    """config.asgi.RequestThreads: under SQLite a page waits for a quick one to finish."""
    assert settings_from(tmp_path)["HTTP_SLOW_MS"] == 100
    postgresql = settings_from(
        tmp_path, DATABASE_URL="postgres://culture@127.0.0.1/culture_room", SECRET_KEY="k" * 50
    )
    assert postgresql["HTTP_SLOW_MS"] == 0


def test_a_negative_slow_page_time_is_refused(tmp_path):
    assert "HTTP_SLOW_MS must be 0 or more" in refusal(tmp_path, HTTP_SLOW_MS="-1")


@pytest.mark.parametrize("threads", ["0", "-2"])
def test_pages_need_at_least_one_thread(tmp_path, threads):
    """With none, every page would wait for a thread forever (config.asgi.RequestThreads)."""
    assert "HTTP_THREADS must be at least 1" in refusal(tmp_path, HTTP_THREADS=threads)
