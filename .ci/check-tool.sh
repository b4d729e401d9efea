#!/usr/bin/env bash
# Proves the .NET tool installs and works as a user gets it: packs cli/ (EStreamer.Emulator.Tool), installs it
# from that local folder into a temporary tool path, runs `estreamer-emulator serve` from there on free
# 127.0.0.1 ports, reads 20 records with `estreamer-emulator probe` (20 JSON lines on stdout), then stops it.
# probe asks with --extended: a plain request selects only impact alerts among the event families (the rest
# need versions it cannot ask for), and the history and live mix hold too few of those for 20 in time.
# Reuses the Release build when it is there (the pack builds incrementally).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/estreamer-tool-check.XXXXXX")"
trap 'stop_serve 10 || true; rm -rf "$work"' EXIT

version="$(project_version cli/EStreamer.Emulator.Cli.csproj)"
dotnet pack cli/EStreamer.Emulator.Cli.csproj -c Release -o "$work/feed" -v quiet -nologo
dotnet tool install EStreamer.Emulator.Tool --version "$version" --tool-path "$work/tools" --add-source "$work/feed"
tool="$work/tools/estreamer-emulator"

read -r port control_port < <(free_ports)
echo "check-tool: estreamer-emulator $version serve on 127.0.0.1:$port, control port $control_port"
start_serve "$work/serve.log" "$tool" serve --data-dir "$work/data" --port "$port" --control-port "$control_port"
wait_healthy "$control_port" 60

timeout 60 "$tool" probe --host 127.0.0.1 --port "$port" --pkcs12 "$work/data/clients/127.0.0.1.pkcs12" \
    --password estreamer --count 20 --extended >"$work/records.jsonl" 2>"$work/probe.log" \
    || { echo "check-tool: probe failed:" >&2; cat "$work/probe.log" >&2; exit 1; }
python3 - "$work/records.jsonl" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
records = [json.loads(l) for l in lines]
if len(records) != 20 or not all(isinstance(r, dict) for r in records):
    sys.exit(f"check-tool: expected 20 JSON records from probe, got {len(records)}")
PY
stop_serve 20
echo "check-tool: EStreamer.Emulator.Tool $version installs, serves and streams 20 records to probe"
