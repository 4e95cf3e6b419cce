# syntax=docker/dockerfile:1
# The Robyn trainer (r/run_all.R), run as a Cloud Run Job: Meta's Robyn pinned to 3.12.1 (Git commit
# below; CRAN has 3.11.1 at most), its R dependencies frozen by a dated Posit Package Manager snapshot
# (prebuilt Ubuntu binaries, so prophet/rstan do not compile), Python nevergrad pinned with numpy < 2
# (Robyn's nevergrad calls break on numpy 2), and the core count taken from MMM_CORES, never detected.
#   docker build -f docker/trainer-robyn.Dockerfile -t <registry>/mmm-trainer-robyn:<version> .
# Base: rocker/r-ver (Ubuntu 24.04 LTS, a Debian derivative) at a fixed R version; pin its digest in
# production with --build-arg R_IMAGE=rocker/r-ver:4.5.1@sha256:<digest>.
ARG R_IMAGE=rocker/r-ver:4.5.1

FROM ${R_IMAGE}

ARG ROBYN_COMMIT=5915aa9d5d31d8947a274aa00fdf30b8947823e5
ARG CRAN_SNAPSHOT=https://p3m.dev/cran/__linux__/noble/2025-07-15

ENV TZ=UTC \
    LANG=C.UTF-8 \
    RETICULATE_PYTHON=/opt/venv/bin/python \
    MMM_CORES=8 \
    MMM_STATE_DIR=/tmp/mmm \
    OMP_NUM_THREADS=1 \
    OPENBLAS_NUM_THREADS=1

# System libraries of Robyn's dependencies (curl, xml, fonts for the one-pagers, nlopt, glpk), and
# Python for nevergrad.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      cmake \
      fonts-dejavu-core \
      libcurl4-openssl-dev \
      libfontconfig1-dev \
      libfreetype-dev \
      libfribidi-dev \
      libglpk-dev \
      libharfbuzz-dev \
      libjpeg-dev \
      libnlopt-dev \
      libpng-dev \
      libssl-dev \
      libtiff-dev \
      libxml2-dev \
      python3 \
      python3-venv \
 && rm -rf /var/lib/apt/lists/*

COPY --chown=root:root docker/trainer-robyn-requirements.txt /tmp/requirements.txt
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --requirement /tmp/requirements.txt \
 && /opt/venv/bin/python -c "import nevergrad, numpy; assert int(numpy.__version__.split('.')[0]) < 2, numpy.__version__" \
 && rm /tmp/requirements.txt

# R packages from the dated snapshot, then Robyn at its pinned commit; the build fails unless Robyn is
# 3.12.1 and can reach nevergrad through reticulate.
RUN Rscript -e "options(repos = c(CRAN = '${CRAN_SNAPSHOT}'), Ncpus = 4L); \
      install.packages(c('remotes', 'jsonlite', 'digest', 'httr', 'curl', 'reticulate')); \
      remotes::install_github('facebookexperimental/Robyn/R@${ROBYN_COMMIT}', upgrade = 'never', dependencies = NA)" \
 && Rscript -e "stopifnot(packageVersion('Robyn') == '3.12.1'); \
      suppressPackageStartupMessages(library(Robyn)); \
      stopifnot(reticulate::py_module_available('nevergrad'))" \
 && rm -rf /tmp/Rtmp* /tmp/downloaded_packages

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin trainer \
 && install -d -o trainer -g trainer /tmp/mmm
WORKDIR /app
COPY --chown=trainer:trainer r/ /app/r/
COPY --chown=trainer:trainer docker/trainer-robyn-entrypoint.sh /app/docker/trainer-robyn-entrypoint.sh
USER trainer
ENTRYPOINT ["/app/docker/trainer-robyn-entrypoint.sh"]
