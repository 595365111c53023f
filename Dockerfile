# Dialoog web, worker and beat image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core nodejs npm \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN mkdir -p static/vendor/utrecht static/vendor/axe \
 && cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/component-library.css \
 && cp node_modules/@utrecht/design-tokens/dist/theme.css static/vendor/utrecht/theme.css \
 && python manage.py compilemessages --ignore=node_modules -v0 \
 && DEBUG=False SECRET_KEY=build-only STATIC_ROOT=/srv/dialoog/static python manage.py collectstatic --noinput -v0 \
 && useradd --create-home --uid 1000 dialoog && mkdir -p /srv/dialoog/media /srv/dialoog/beat \
 && chown -R dialoog /srv/dialoog

USER dialoog
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
