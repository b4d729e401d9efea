#!/usr/bin/env bash
# Validates docker-compose.yml and lints the Dockerfile without a Docker engine, so it runs in CI and on
# any developer machine: no daemon, no image pulls, no build.
#   1. docker-compose.yml and docs/examples/docker-compose.client.yml: `docker-compose config` (Debian's docker-compose 1.29, installed here with
#      apt-get if missing) parses the file, interpolates variables and checks it against the Compose
#      schema; `config` never talks to an engine. A Compose v2 plugin (`docker compose`), where present,
#      checks it as well.
#   2. Dockerfile: dockerfile-utils (npm) reports unknown instructions and malformed arguments.
# Installs what it needs non-interactively (root for apt-get); reaches only Debian's and npm's registries.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

DOCKERFILE_UTILS_VERSION=0.16.3

if ! command -v docker-compose >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "validate-compose: docker-compose is missing and installing it needs root (apt-get)" >&2
        exit 1
    fi
    echo "validate-compose: installing Debian's docker-compose"
    apt-get update -qq
    # Without recommends: docker.io (the engine) is only recommended, and nothing here needs it.
    apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

# The main file and the examples the docs show (docs/ci-recipes.md).
compose_files=(docker-compose.yml docs/examples/docker-compose.client.yml)
for file in "${compose_files[@]}"; do
    docker-compose -f "$file" config --quiet
    echo "validate-compose: $file is valid ($(docker-compose version --short 2>/dev/null || echo 'docker-compose v1'))"
    if docker compose version >/dev/null 2>&1; then
        docker compose -f "$file" config --quiet
        echo "validate-compose: $file is valid (docker compose $(docker compose version --short))"
    fi
done

if command -v npm >/dev/null 2>&1; then
    tools="${TMPDIR:-/tmp}/estreamer-ci-tools"
    lint="$tools/node_modules/.bin/dockerfile-utils"
    if [ ! -x "$lint" ]; then
        npm install --prefix "$tools" --silent --no-audit --no-fund "dockerfile-utils@$DOCKERFILE_UTILS_VERSION" >/dev/null
    fi
    "$lint" lint Dockerfile
    echo "validate-compose: Dockerfile has no lint errors (dockerfile-utils $DOCKERFILE_UTILS_VERSION)"
else
    echo "validate-compose: npm not found, Dockerfile not linted" >&2
fi
