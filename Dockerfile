# Component 2 Hub on Node 24 LTS. Debian-based (the embedded PostgreSQL binaries need glibc; they do not run on Alpine).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY web ./web
# `npm ci` builds dist/ (the `prepare` script).
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    HUB_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schema ./schema
COPY seeds ./seeds
RUN mkdir -p /data && chown node:node /data
# Runs as the unprivileged "node" user: the embedded PostgreSQL runs as the same user.
USER node
VOLUME ["/data"]
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node directly (not npm), so that SIGTERM from `docker stop` reaches the hub and it shuts down cleanly.
# The heap is capped (docs/operations.md, "Memory"); NODE_OPTIONS may change it.
CMD ["node", "--max-old-space-size=384", "dist/main.js"]
