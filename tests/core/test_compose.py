"""docker-compose.yml and the Dockerfile describe a deployment that can work (no Docker engine here).

Checked: the services and their commands (parsed, and validated against the project: the WSGI
application imports, `celery -A` finds the project's Celery app, every `manage.py` command exists and
accepts its options), health checks, volumes for the database and the uploads, the
variables the settings need with DEBUG off (the app's environment, with compose's ${...} filled in, is fed
to a real import of the settings), and that every path the Dockerfile copies exists.
"""

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def healthcheck(service) -> str:
    test = service["healthcheck"]["test"]
    return test if isinstance(test, str) else " ".join(test)


def interpolate(value: str) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}: required ones get a sample value."""

    def repl(match):
        name, op, arg = match.group(1), match.group(2), match.group(3)
        if op == ":?":
            return {
                "SECRET_KEY": "s" * 50,
                "POSTGRES_PASSWORD": "pw",
                "SITE_URL": "https://thidua.anhai.example.vn",
            }.get(name, "sample")
        return arg if op == ":-" else ""

    return re.sub(r"\$\{([A-Z0-9_]+)(?:(:[-?])([^}]*))?\}", repl, str(value)).replace("$$", "$")


def test_services(services):
    assert {"postgres", "redis", "web", "worker", "beat"} <= services.keys()
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in APP_SERVICES:
        assert services[name]["build"] == "."
        assert services[name]["restart"] == "unless-stopped"


def argv(value) -> list[str]:
    """A command or health check as the argument list the container runs (CMD/CMD-SHELL prefixes off)."""
    if isinstance(value, str):
        return shlex.split(value)
    if value and value[0] == "CMD-SHELL":
        return shlex.split(value[1])
    return list(value[1:] if value and value[0] == "CMD" else value)


def option(args: list[str], *names: str) -> str | None:
    for i, arg in enumerate(args):
        if arg in names:
            return args[i + 1]
    return None


def check_manage_py(args: list[str]) -> None:
    """`python manage.py <command> <options>`: the command exists and accepts these options."""
    from django.core.management import get_commands, load_command_class

    assert args[:2] == ["python", "manage.py"], args
    name, options = args[2], args[3:]
    commands = get_commands()
    assert name in commands, f"manage.py has no command {name!r}"
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    parser.parse_args(options)  # raises CommandError on an unknown option


def check_celery(args: list[str], subcommand: str) -> None:
    """`celery -A <app> <subcommand> ...`: -A names the project's Celery app (anhai_thidua.celery.app)."""
    from celery.app.utils import find_app

    from anhai_thidua.celery import app

    assert args[0] == "celery" and args[1] == "-A", args
    assert find_app(args[2]) is app, f"celery -A {args[2]} does not find anhai_thidua.celery.app"
    assert args[3] == subcommand, args


def test_web_serves_the_projects_wsgi_application_on_the_checked_port(services):
    from django.utils.module_loading import import_string

    args = argv(services["web"]["command"])
    assert args[0] == "gunicorn"
    wsgi = args[1]
    module, _colon, attr = wsgi.partition(":")
    assert callable(import_string(f"{module}.{attr or 'application'}"))
    host, port = option(args, "--bind", "-b").rsplit(":", 1)
    assert host == "0.0.0.0"
    published = {p.split(":")[-1] for p in services["web"]["ports"]}
    assert port in published
    assert f"http://127.0.0.1:{port}/healthz" in argv(services["web"]["healthcheck"]["test"])


def test_worker_and_beat_run_the_projects_celery_app(services):
    check_celery(argv(services["worker"]["command"]), "worker")
    check_celery(argv(services["worker"]["healthcheck"]["test"]), "inspect")
    beat = argv(services["beat"]["command"])
    check_celery(beat, "beat")
    # beat keeps its schedule under VAR_DIR, a directory the app owns in the image.
    schedule = option(beat, "--schedule", "-s")
    assert schedule and schedule.startswith(services["beat"]["environment"]["VAR_DIR"] + "/")


def test_manage_py_commands_exist(services):
    check_manage_py(argv(services["migrate"]["command"]))
    # The commands the header tells the operator to run exist too (createsuperuser, seed_anhai).
    header = (BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8").split("\nname:", 1)[0]
    documented = re.findall(r"python manage\.py ([^\n#]+)", header)
    assert len(documented) >= 2
    for line in documented:
        check_manage_py(["python", "manage.py", *shlex.split(line)])


def test_app_services_wait_for_their_dependencies(services):
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["restart"] == "no"


def test_web_port_is_published_on_loopback_only(services):
    """The TLS proxy on the host forwards to the app; nothing else on the network reaches it in clear."""
    ports = [interpolate(port) for port in services["web"]["ports"]]
    assert ports == ["127.0.0.1:8000:8000"]
    for name, service in services.items():
        if name != "web":
            assert not service.get("ports"), f"{name} must not publish a port"


def test_health_checks(services):
    assert "pg_isready" in healthcheck(services["postgres"])
    assert healthcheck(services["redis"]) == "CMD redis-cli ping"
    assert "http://127.0.0.1:8000/healthz" in healthcheck(services["web"])
    worker_check = healthcheck(services["worker"])
    assert "celery -A anhai_thidua inspect ping" in worker_check
    assert "celery@$$HOSTNAME" in worker_check  # $$: compose passes a literal $ to the shell


def test_volumes_for_database_and_uploads(compose, services):
    named = set(compose["volumes"])

    def mounts(service):
        return dict(volume.split(":", 1) for volume in services[service].get("volumes", []))

    assert mounts("postgres").get("postgres-data") == "/var/lib/postgresql/data"
    assert mounts("redis").get("redis-data") == "/data"
    for name in ("web", "worker"):
        media_root = services[name]["environment"]["MEDIA_ROOT"]
        assert mounts(name).get("media") == media_root, f"{name}: uploads must live on the media volume"
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            assert source in named or source.startswith(("/", ".")), f"volume {source} is not declared"


def test_required_production_variables_are_set(services):
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["DEBUG"] == "false"
        assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "SECRET_KEY must be required, never defaulted"
        assert interpolate(env["ALLOWED_HOSTS"])
        assert "127.0.0.1" in interpolate(env["ALLOWED_HOSTS"]).split(","), "the health check calls 127.0.0.1"
        assert interpolate(env["DATABASE_URL"]).startswith("postgres://anhai:pw@postgres:5432/anhai")
        assert env["REDIS_URL"].startswith("redis://redis:6379/")
        assert env["SITE_URL"].startswith("${SITE_URL:?"), "SITE_URL must be required (QR codes, mail links)"
    password = services["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert password.startswith("${POSTGRES_PASSWORD:?")


@pytest.mark.parametrize("service", APP_SERVICES)
def test_settings_start_with_the_compose_environment(services, service, tmp_path):
    """The settings import cleanly, in production mode, with exactly the environment compose gives."""
    env = {key: interpolate(value) for key, value in services[service]["environment"].items()}
    env.update(
        PATH=os.environ.get("PATH", "/usr/bin:/bin"),
        LANG="C.UTF-8",
        VAR_DIR=str(tmp_path),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    probe = (
        "import json; from anhai_thidua import settings as s; print(json.dumps([s.DEBUG,"
        " s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], s.CELERY_BROKER_URL,"
        " s.STORAGES['staticfiles']['BACKEND']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        False,
        "django.db.backends.postgresql",
        "postgres",
        "redis://redis:6379/0",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


# ---- Dockerfile ------------------------------------------------------------------------------------


def dockerfile_instructions():
    text = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)  # join continuation lines
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_dockerfile_copies_only_paths_that_exist():
    copies = [line for line in dockerfile_instructions() if line.upper().startswith(("COPY ", "ADD "))]
    assert copies
    for line in copies:
        parts = line.split()[1:]
        if any(part.startswith("--from") for part in parts):
            continue
        sources = [part for part in parts if not part.startswith("--")][:-1]
        for source in sources:
            if source == ".":
                continue
            assert (BASE_DIR / source).exists(), f"Dockerfile copies {source}, which does not exist"


def test_dockerfile_stages():
    froms = [line for line in dockerfile_instructions() if line.upper().startswith("FROM ")]
    assert froms[-1] == "FROM python:3.11-slim-bookworm", "the final image is Python 3.11 on Debian 12"
    assert any(line.startswith("FROM node:") and " AS " in line for line in froms[:-1]), (
        "node in a build stage"
    )
    final = dockerfile_instructions()
    final = final[max(i for i, line in enumerate(final) if line.startswith("FROM ")) :]
    assert not any("npm" in line for line in final if line.startswith("RUN ")), "no node in the final image"
    assert any("collectstatic" in line for line in final)
    assert any(line.startswith("COPY --from=") and "static/vendor" in line for line in final)
    assert any(line.startswith("USER ") and "root" not in line for line in final)


def test_dockerfile_installs_the_same_pdf_libraries_and_fonts_as_the_makefile():
    makefile = re.sub(r"\\\n", " ", (BASE_DIR / "Makefile").read_text(encoding="utf-8"))
    apt_run = {
        package
        for package in re.search(r"^APT_RUN\s*:=(.*)$", makefile, re.M).group(1).split()
        if not package.startswith("$(")  # $(NODE_PKGS): node is only in the Dockerfile's build stage
    }
    assert "libpango-1.0-0" in apt_run
    installed = " ".join(line for line in dockerfile_instructions() if "apt-get install" in line).split()
    missing = apt_run - set(installed)
    assert not missing, f"Dockerfile lacks Debian packages the Makefile installs: {sorted(missing)}"


def test_dockerignore_keeps_local_state_out():
    ignored = set((BASE_DIR / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".git", ".venv", "node_modules", "var", ".env"} <= ignored


def test_the_build_time_manage_py_environment_starts_the_settings(tmp_path):
    """`collectstatic` runs at build time with DEBUG=false: the RUN line must give what the settings demand."""
    instructions = dockerfile_instructions()
    env = {}
    for line in instructions:
        if line.startswith("ENV "):
            env.update(dict(re.findall(r"([A-Z_]+)=(\S+)", line)))
    run = next(line for line in instructions if "collectstatic" in line)
    env.update(dict(re.findall(r"([A-Z_]+)=(\S+)", run.split(" sh -c ", 1)[0])))
    env.update(PATH=os.environ.get("PATH", "/usr/bin:/bin"), LANG="C.UTF-8", VAR_DIR=str(tmp_path))
    env.pop("STATIC_ROOT", None)
    env.pop("MEDIA_ROOT", None)
    assert env["DEBUG"] == "false"
    result = subprocess.run(
        [sys.executable, "-c", "from anhai_thidua import settings"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
