# syntax=docker/dockerfile:1
# One image per service and one for the CLI, from this one file (docs/adr/0030, deploy/README.md):
#   docker build --build-arg APP=intake -t veilig-thuis/intake .        (intake, crisis-triage, safety-investigation, referral, signal-matching, shelter-placement)
#   docker build --target cli -t veilig-thuis/vt-cli .
# Not built on the development machines (no Docker engine there); CI checks the manifests, not this file.
ARG NODE_IMAGE=node:20.20-bookworm-slim

# Compiles every app and library with swc into dist/ (npm run build, tools/build.mjs), config/ and data/reference/ beside it.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Install scripts stay off, as npm 11 keeps them on the development machines (TOOLCHAIN.md): nothing needs them.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY tools/build.mjs tools/build.mjs
COPY config config
COPY data/reference data/reference
COPY libs libs
COPY apps apps
RUN npm run build -- --clean

# Production dependencies only.
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=dependencies /app/node_modules node_modules
COPY --from=build /src/dist dist
COPY package.json ./
# The official image's unprivileged user (uid 1000); nothing in /app is writable by it.
USER node

FROM runtime AS cli
ENTRYPOINT ["node", "dist/apps/vt-cli/src/main.js"]

# A service (the default target). Keys, passwords and DATABASE_URL come from the environment at run time, never from the image.
FROM runtime AS service
ARG APP
ENV HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    VT_APP=${APP}
RUN test -n "$APP" && test -f "dist/apps/$APP/src/main.js" || (echo "--build-arg APP=<intake|crisis-triage|safety-investigation|referral|signal-matching|shelter-placement> is required" >&2; exit 1)
EXPOSE 8080
# For docker run; Kubernetes uses the Deployment's probes on the same routes instead (deploy/services/*.yaml).
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HTTP_PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["sh", "-c", "exec node \"dist/apps/$VT_APP/src/main.js\"", "--"]
