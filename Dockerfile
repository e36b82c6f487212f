# syntax=docker/dockerfile:1
# Thi đua An Hải - one image for the web (gunicorn + whitenoise), the Celery worker and beat.
# See docker-compose.yml and README.md ("Deployment"). Node exists only in the first stage: the
# front-end assets are installed from the npm registry at build time and copied in as plain files.

FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/vendor-assets.sh scripts/vendor-assets.sh
RUN sh scripts/vendor-assets.sh


FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=anhai_thidua.settings \
    DEBUG=false \
    VAR_DIR=/var/lib/anhai \
    MEDIA_ROOT=/var/lib/anhai/media \
    STATIC_ROOT=/app/staticfiles

# WeasyPrint's libraries, fonts with Vietnamese glyphs (fontconfig), gettext for compilemessages,
# shared-mime-info for file types, curl for the health check, postgresql-client (15, as the compose
# database) for `manage.py backup` / `restore`.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-liberation2 fonts-noto-core fontconfig \
        gettext shared-mime-info curl postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/anhai anhai \
    && mkdir -p /var/lib/anhai/media \
    && chown -R anhai:anhai /var/lib/anhai

WORKDIR /app
# Dependencies first (a layer that changes only with the lock): exact versions, every file checked
# against its hash; then the project itself without resolving anything. The code runs from /app.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .
RUN pip install --no-deps .
COPY --from=assets /src/static/vendor static/vendor
# Build-time values only: the settings refuse to start with DEBUG off unless all three are set.
RUN SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=build.invalid SITE_URL=https://build.invalid sh -c '\
      if find locale -name "*.po" 2>/dev/null | grep -q .; then \
        python manage.py compilemessages --verbosity 0 --ignore node_modules; \
      fi \
      && python manage.py collectstatic --noinput --verbosity 0' \
    && fc-cache -f >/dev/null

USER anhai
EXPOSE 8000
# The web command; docker-compose.yml runs the worker and beat from the same image with their own command.
CMD ["gunicorn", "anhai_thidua.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--timeout", "120"]
