# One image build for every Nexara service. Targets:
#   app  (default) Node services: pick one with the command, e.g. `node gateway/dist/main.js`
#   web  the built dashboard behind nginx, proxying /graphql to the gateway
# Node.js 26 is the current LTS (Active LTS since 2026-10-28, "Lithium"); the code also runs on 20.19+.
FROM node:26.13.0-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages packages
COPY subgraphs subgraphs
COPY gateway gateway
COPY web web
COPY e2e e2e
RUN npm ci --no-audit --no-fund && npx turbo run build && npm prune --omit=dev

FROM node:26.13.0-bookworm-slim AS app
WORKDIR /app
# Production unless told otherwise: stack traces, introspection and Sandbox stay hidden,
# provider calls go out over https only (packages/stack/src/docker-compose.spec.ts checks it).
ENV NODE_ENV=production
COPY --from=build /app /app
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "gateway/dist/main.js"]

FROM nginx:1.27-alpine AS web
COPY --from=build /app/web/dist /usr/share/nginx/html
COPY web/nginx.conf /etc/nginx/conf.d/default.conf
EXPOSE 80
