# syntax=docker/dockerfile:1
# The native trainer (`mmm trainer`), run as a Cloud Run Job: reads runs/<runId>/spec.json and
# input.csv from the bucket, trains with the TypeScript engine, writes the run's artifacts and posts
# trainer events. The same base and dependencies as the app image.
#   docker build -f docker/trainer-native.Dockerfile -t <registry>/mmm-trainer-native:<version> .
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
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
USER node
ENTRYPOINT ["node", "bin/mmm.js", "trainer"]
