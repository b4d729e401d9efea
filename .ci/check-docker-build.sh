#!/usr/bin/env bash
# Proves the Dockerfile builds and its output starts, without a Docker engine:
#   1. replays the Dockerfile's build stage (.ci/replay-dockerfile-stage.py): its COPY lines, with
#      .dockerignore, into an empty folder, then its own RUN lines (restore, version check, publish) there,
#      with the image's version passed as the build argument ESTREAMER_VERSION from Directory.Build.props;
#   2. runs `serve` from the published folder the runtime stage copies, on free 127.0.0.1 ports, waits for
#      GET /healthz on the control port, has the same executable's `probe` decode 20 records from it over TLS,
#      then stops it with SIGTERM.
# A project, props file or source the Dockerfile forgets to copy fails step 1, as it would fail `docker build`.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/estreamer-docker-check.XXXXXX")"
trap 'stop_serve 10 || true; rm -rf "$work"' EXIT
mkdir "$work/root" "$work/data"

version="$(project_version cli/EStreamer.Emulator.Cli.csproj)"
echo "check-docker-build: replaying the Dockerfile's build stage (ESTREAMER_VERSION=$version, TARGETARCH=$(uname -m)) in $work/root"
# BuildKit passes the platform's CPU as TARGETARCH; the replay does the same.
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch="" ;; esac
published="$(python3 .ci/replay-dockerfile-stage.py --context . --root "$work/root" --build-arg "ESTREAMER_VERSION=$version" --build-arg "TARGETARCH=$arch" | head -n 1)"
[ -f "$published/estreamer-emulator.dll" ] || { echo "check-docker-build: no estreamer-emulator.dll in $published" >&2; exit 1; }

# The image runs the program as its own self-contained executable, with the runtime, ASP.NET Core and the program
# compiled ahead into one composite ReadyToRun image beside it.
[ -x "$published/estreamer-emulator" ] || { echo "check-docker-build: no self-contained estreamer-emulator executable in $published" >&2; exit 1; }
[ -f "$published/estreamer-emulator.r2r.dll" ] || { echo "check-docker-build: no composite ReadyToRun image (estreamer-emulator.r2r.dll) in $published" >&2; exit 1; }
echo "check-docker-build: self-contained output with a composite ReadyToRun image ($(du -m "$published/estreamer-emulator.r2r.dll" | cut -f1) MB)"

read -r port control_port < <(free_ports)
echo "check-docker-build: serve from ${published#"$work/root"} on 127.0.0.1:$port, control port $control_port"
start_serve "$work/serve.log" "$published/estreamer-emulator" serve \
    --data-dir "$work/data" --port "$port" --control-port "$control_port"
wait_healthy "$control_port" 60
# Compose clients wait for "healthy" and then read the client's PKCS#12 (docs/examples/docker-compose.client.yml).
[ -f "$work/data/clients/127.0.0.1.pkcs12" ] || { echo "check-docker-build: healthy, but no client PKCS#12 yet" >&2; exit 1; }
# The same executable as a client over TLS: the composite image's own runtime, OpenSSL binding and codec.
records="$("$published/estreamer-emulator" probe --host 127.0.0.1 --port "$port" --pkcs12 "$work/data/clients/127.0.0.1.pkcs12" \
    --password estreamer --count 20 2>"$work/probe.log" | wc -l)" \
    || { echo "check-docker-build: probe failed:" >&2; cat "$work/probe.log" >&2; exit 1; }
[ "$records" -eq 20 ] || { echo "check-docker-build: probe decoded $records records, 20 wanted:" >&2; cat "$work/probe.log" >&2; exit 1; }
echo "check-docker-build: probe decoded $records records from the published server"
stop_serve 20
echo "check-docker-build: the Dockerfile's build stage builds and its output serves (version $version)"
