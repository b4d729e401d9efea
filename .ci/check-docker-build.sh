#!/usr/bin/env bash
# Proves the Dockerfile builds and its output starts, without a Docker engine:
#   1. replays the Dockerfile's build stage (.ci/replay-dockerfile-stage.py): its COPY lines, with
#      .dockerignore, into an empty folder, then its own RUN lines (restore, version check, publish) there,
#      with the image's version passed as the build argument ESTREAMER_VERSION from Directory.Build.props;
#   2. runs `serve` from the published folder the runtime stage copies, on free 127.0.0.1 ports, waits for
#      GET /healthz on the control port, then stops it with SIGTERM.
# A project, props file or source the Dockerfile forgets to copy fails step 1, as it would fail `docker build`.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/estreamer-docker-check.XXXXXX")"
trap 'stop_serve 10 || true; rm -rf "$work"' EXIT
mkdir "$work/root" "$work/data"

version="$(project_version cli/EStreamer.Emulator.Cli.csproj)"
echo "check-docker-build: replaying the Dockerfile's build stage (ESTREAMER_VERSION=$version, TARGETARCH=$(uname -m)) in $work/root"
# BuildKit passes the platform's CPU as TARGETARCH; the replay does the same, so the ReadyToRun path is built.
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch="" ;; esac
published="$(python3 .ci/replay-dockerfile-stage.py --context . --root "$work/root" --build-arg "ESTREAMER_VERSION=$version" --build-arg "TARGETARCH=$arch" | head -n 1)"
[ -f "$published/estreamer-emulator.dll" ] || { echo "check-docker-build: no estreamer-emulator.dll in $published" >&2; exit 1; }

if [ -n "$arch" ]; then
    # A ReadyToRun image carries machine code for its platform: its PE machine field is no longer I386 (0x14c),
    # which every portable IL assembly has.
    machine="$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(); o=struct.unpack_from("<I",d,0x3c)[0]; print(hex(struct.unpack_from("<H",d,o+4)[0]))' "$published/EStreamer.Emulator.dll")"
    [ "$machine" != "0x14c" ] || { echo "check-docker-build: EStreamer.Emulator.dll is not ReadyToRun (PE machine $machine)" >&2; exit 1; }
    echo "check-docker-build: ReadyToRun output (PE machine $machine)"
fi

read -r port control_port < <(free_ports)
echo "check-docker-build: serve from ${published#"$work/root"} on 127.0.0.1:$port, control port $control_port"
start_serve "$work/serve.log" dotnet "$published/estreamer-emulator.dll" serve \
    --data-dir "$work/data" --port "$port" --control-port "$control_port"
wait_healthy "$control_port" 60
# Compose clients wait for "healthy" and then read the client's PKCS#12 (docs/examples/docker-compose.client.yml).
[ -f "$work/data/clients/127.0.0.1.pkcs12" ] || { echo "check-docker-build: healthy, but no client PKCS#12 yet" >&2; exit 1; }
stop_serve 20
echo "check-docker-build: the Dockerfile's build stage builds and its output serves (version $version)"
