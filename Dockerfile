# GoSight server image (all commands: start, ingest, process, api, archive).
# NOTE: not built or run by our CI (no container engine there); see docs/deployment.md.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund && npm cache clean --force
ENV GOSIGHT_HOST=0.0.0.0 GOSIGHT_DATA_DIR=/data
VOLUME /data
EXPOSE 3000
ENTRYPOINT ["node", "packages/server/bin/gosight.mjs"]
CMD ["start"]
