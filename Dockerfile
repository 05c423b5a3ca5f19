# battsim as a container: both emulators (Sessy on 8080, Homevolt on 8081) on 0.0.0.0.
#   docker build -t battsim .
#   docker run --rm -p 8080:8080 -p 8081:8081 battsim                      # /_sim/ off
#   docker run --rm -e BATTSIM_CONTROL_TOKEN=a-long-secret -p 8080:8080 -p 8081:8081 battsim
#   docker run --rm -p 8080:8080 battsim sessy --host 0.0.0.0 --speed 60   # any battsim command
#   docker run --rm -p 8090-8093:8090-8093 battsim site examples/sites/home-3-sessy.yaml --host 0.0.0.0
# test/package/runtime-install.test.ts does what the runtime stage does (this machine cannot pull images).

# Build: all dependencies, then dist/ (tsc, run-time files, the CommonJS bundle).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# npm ci runs the package's prepare script (scripts/prepare.js), which builds only for a git install: not here.
COPY package.json package-lock.json ./
COPY scripts/prepare.js ./scripts/prepare.js
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY simulator ./simulator
COPY clients ./clients
COPY contracts ./contracts
COPY openapi ./openapi
RUN npm run build

# Runtime: production dependencies and dist/ only, as a user without privileges.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prepare.js ./scripts/prepare.js
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY openapi ./openapi
COPY examples/sites ./examples/sites
COPY docker/entrypoint.sh docker/healthcheck.js ./docker/
USER node
EXPOSE 8080 8081
# Every port battsim listens on answers HTTP, whichever command runs (docker/healthcheck.js finds them in /proc).
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "/app/docker/healthcheck.js"]
# SIGTERM (docker stop) reaches node itself through the entrypoint's exec; battsim closes both servers and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["start", "--host", "0.0.0.0"]
