# coursebot: the Discord bot. Build: docker build -t coursebot .
# Run: docker run -e DISCORD_TOKEN -v "$PWD/content:/app/content:ro" -v coursebot-data:/app/data coursebot
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies in their own layer, from pyproject.toml alone: editing the code or the content
# does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && pip install --no-cache-dir -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt \
 && groupadd --gid 10001 coursebot \
 && useradd --no-log-init --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin coursebot \
 && mkdir -p /app/data \
 && chown 10001:10001 /app/data

# The code, then the bundled course. Mount your own course over /app/content and your
# configuration at /app/config.yaml (both read-only); the database lives on the /app/data volume.
COPY bot/ bot/
COPY content/ content/

USER 10001:10001
VOLUME ["/app/data"]
CMD ["python", "-m", "bot", "run"]
