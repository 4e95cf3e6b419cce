# syntax=docker/dockerfile:1
# The app: Slack app, viewer and REST API (`mmm serve`), run by Cloud Run as a service.
# Build from the repository root:
#   docker build -f docker/app.Dockerfile -t <registry>/mmm-app:<version> .
# Production dependencies, the source without tests (see .dockerignore) and its JavaScript build in dist/,
# which bin/mmm.js runs (tsx, a runtime dependency, only if the build were older than the source).
# Pin the base by digest in production: --build-arg NODE_IMAGE=node:22.14.0-bookworm-slim@sha256:<digest>
ARG NODE_IMAGE=node:22.14.0-bookworm-slim

# npm ci builds the JavaScript into dist/ (the prepare script, with the dev dependencies), then the dev
# dependencies are removed.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --chown=node:node . .
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && npm cache clean --force

FROM ${NODE_IMAGE}
# A font for the pictures (one-pagers, allocation charts): canvas draws no text without one.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 8080
# Healthy when the HTTP server answers without a server error (Cloud Run uses its own startup probe).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/mmm.js", "serve"]
