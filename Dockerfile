# Dracin: multi-stage image. Build with `docker build -t dracin .`,
# run with `docker run -p 3000:3000 -v dracin-data:/app/data dracin`.
# .dockerignore keeps node_modules, build output, local databases and
# DATA_DIR (with its session-secret) out of the build context.
# docs/deploy.md: environment, probes, graceful shutdown, several instances.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# patches/: the fixes npm ci applies to dependencies after installing them (postinstall, patch-package).
COPY patches ./patches
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/data DATABASE_URL=file:/app/data/dracin.db
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/build ./build
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/scripts/start.mjs /app/scripts/migrate.mjs /app/scripts/unref-long-timers.mjs ./scripts/
COPY --from=build --chown=node:node /app/app/utils/env.server.ts ./app/utils/env.server.ts
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
# SIGTERM starts a graceful shutdown bounded at 10 s (server/index.ts): give
# `docker stop` a longer grace period (`--time 15`, compose `stop_grace_period: 15s`).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--max-old-space-size=192", "scripts/start.mjs"]
