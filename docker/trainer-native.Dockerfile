# syntax=docker/dockerfile:1
# The native trainer (`mmm trainer`), run as a Cloud Run Job: reads runs/<runId>/spec.json and
# input.csv from the bucket, trains with the TypeScript engine, writes the run's artifacts and posts
# trainer events. The same base and dependencies as the app image.
#   docker build -f docker/trainer-native.Dockerfile -t <registry>/mmm-trainer-native:<version> .
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
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
COPY --from=build --chown=node:node /app/dist ./dist
USER node
ENTRYPOINT ["node", "bin/mmm.js", "trainer"]
