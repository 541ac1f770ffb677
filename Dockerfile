# newscrawler: crawl one date of Naver News into the lake, then exit (see run_scrapy.py).
#
#   docker build -t newscrawler .
#   docker run --rm -e DATE=20180103 -e NEWS_OUTPUT_URI=s3://bucket/lake newscrawler
#
# BASE_IMAGE must be a Debian-like image with python3 (>= 3.11) and its venv module. Every
# stage starts from it, so the venv's link to the interpreter stays valid in the final image.
ARG BASE_IMAGE=python:3.12-slim

# The dependencies alone, keyed on pyproject.toml: editing the code reuses this (big) layer.
FROM ${BASE_IMAGE} AS deps
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python3 -m venv /opt/venv
COPY pyproject.toml /src/
RUN python3 -c "import tomllib; \
        project = tomllib.load(open('/src/pyproject.toml', 'rb'))['project']; \
        print('\n'.join(project['dependencies']))" > /tmp/requirements.txt \
    && /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The project's wheel, from the whole context (filtered by .dockerignore) so that
# packages added later come along.
FROM deps AS builder
COPY . /src
RUN /opt/venv/bin/pip wheel --no-cache-dir --no-deps --wheel-dir /wheels /src

FROM ${BASE_IMAGE}
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SCRAPY_SETTINGS_MODULE=newscrawler.settings \
    PATH=/opt/venv/bin:${PATH}
RUN useradd --uid 10001 --user-group --create-home --home-dir /home/crawler \
        --shell /usr/sbin/nologin crawler
COPY --from=deps /opt/venv /opt/venv
COPY --from=builder /wheels /tmp/wheels
# A local wheel with --no-deps: no network, no compiler; the project is a small layer of its own.
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps --no-index /tmp/wheels/*.whl \
    && /opt/venv/bin/pip check \
    && rm -rf /tmp/wheels
COPY scrapy.cfg run_scrapy.py /app/
WORKDIR /app
USER crawler:crawler
# Exec form: Python is PID 1 and receives `docker stop`'s SIGTERM, which Scrapy handles.
ENTRYPOINT ["/opt/venv/bin/python", "/app/run_scrapy.py"]
