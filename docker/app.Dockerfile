# syntax=docker/dockerfile:1
# The app: Slack app, viewer and REST API (`mmm serve`), run by Cloud Run as a service.
# Build from the repository root:
#   docker build -f docker/app.Dockerfile -t <registry>/mmm-app:<version> .
# The TypeScript runs through tsx (a runtime dependency), so there is no build step: production
# dependencies and the source, without tests (see .dockerignore).
# Pin the base by digest in production: --build-arg NODE_IMAGE=node:22.14.0-bookworm-slim@sha256:<digest>
ARG NODE_IMAGE=node:22.14.0-bookworm-slim

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
# A font for the pictures (one-pagers, allocation charts): canvas draws no text without one.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=dependencies --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
USER node
EXPOSE 8080
# Healthy when the HTTP server answers without a server error (Cloud Run uses its own startup probe).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/mmm.js", "serve"]
