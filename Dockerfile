# One image for the API, the worker and the migrations; the compose file picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
COPY worker.py ./
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /app sagas

USER sagas
ENV SAGAS_ENV=production \
    API_HOST=0.0.0.0 \
    API_PORT=8000
EXPOSE 8000
CMD ["sagas", "api"]
