#!/usr/bin/env bash
# Proves that the packet records the emulator streams are frames packet tools accept: runs `serve` on free
# 127.0.0.1 ports, first with the all-event-types scenario, then with the built-in traffic's history, lets
# `probe --pcap` write the packets (record 2) to libpcap files, and has tshark read them with IP, TCP and UDP
# checksum validation on. Fails unless tshark reports no malformed packet and no expert error, and dissects
# the expected frame: the scripted TCP one (203.0.113.50:51234 -> 10.1.0.20:80), and the first generated
# event's. Installs tshark with apt-get when it is missing (as root, or via sudo).
# Reuses the Release build when it is there (the build below is incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh

if ! command -v tshark >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tshark >/dev/null
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/estreamer-pcap-check.XXXXXX")"
trap 'stop_serve 10 || true; rm -rf "$work"' EXIT

dotnet build cli/EStreamer.Emulator.Cli.csproj -c Release -v quiet -nologo
cli=(dotnet cli/bin/Release/net10.0/estreamer-emulator.dll)

checks=(-o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE)

# capture NAME COUNT SERVE_ARGS... : serve with SERVE_ARGS, probe COUNT intrusion and packet records into $work/NAME.pcap.
capture() {
    local name="$1" count="$2"; shift 2
    local port control_port
    read -r port control_port < <(free_ports)
    echo "check-pcap: $name: serve $* on 127.0.0.1:$port, control port $control_port"
    rm -rf "$work/data"
    start_serve "$work/$name-serve.log" "${cli[@]}" serve "$@" --data-dir "$work/data" --port "$port" --control-port "$control_port"
    wait_healthy "$control_port" 60
    timeout 90 "${cli[@]}" probe --host 127.0.0.1 --port "$port" --pkcs12 "$work/data/clients/127.0.0.1.pkcs12" \
        --password estreamer --extended --families intrusion,packet-data --count "$count" --timeout 30 --pcap "$work/$name.pcap" \
        >"$work/$name.jsonl" 2>"$work/$name-probe.log" \
        || { echo "check-pcap: $name: probe failed:" >&2; cat "$work/$name-probe.log" >&2; exit 1; }
    stop_serve 20
}

# inspect NAME FILTER : fails unless tshark finds packets, none malformed, no expert error, and one matching FILTER.
inspect() {
    local name="$1" filter="$2" pcap="$work/$1.pcap"
    local packets malformed expert_errors matching
    packets="$(tshark -r "$pcap" "${checks[@]}" 2>/dev/null | wc -l)"
    malformed="$(tshark -r "$pcap" "${checks[@]}" -Y '_ws.malformed' 2>/dev/null | wc -l)"
    expert_errors="$(tshark -r "$pcap" "${checks[@]}" -Y '_ws.expert.severity == error' 2>/dev/null | wc -l)"
    matching="$(tshark -r "$pcap" "${checks[@]}" -Y "$filter" 2>/dev/null | wc -l)"
    tshark -r "$pcap" "${checks[@]}" -q -z expert 2>/dev/null | grep -v '^ *1 *Sequence' || true
    echo "check-pcap: $name: $packets packets, $malformed malformed, $expert_errors with expert errors, $matching matching $filter"
    if [ "$packets" -lt 1 ] || [ "$malformed" -ne 0 ] || [ "$expert_errors" -ne 0 ] || [ "$matching" -lt 1 ]; then
        echo "check-pcap: $name: the capture is not what a sensor would have written; tshark's view:" >&2
        tshark -r "$pcap" "${checks[@]}" -V 2>/dev/null | head -120 >&2 || true
        exit 1
    fi
}

# The scripted intrusion event at 1 s and its packet: two records, ports known from the scenario.
capture all-event-types 2 --scenario all-event-types
inspect all-event-types 'tcp.srcport == 51234 && tcp.dstport == 80 && ip.src == 203.0.113.50 && ip.dst == 10.1.0.20'

# The built-in traffic's history: every service the generators know, TCP and UDP; the first intrusion event's
# ports (from probe's JSON) must be those of a dissected frame.
capture built-in 120 --history 800 --rate 0
read -r sport dport proto < <(python3 - "$work/built-in.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["recordType"] == 400:
        e = r["record"]
        print(e["sourcePortOrIcmpType"], e["destinationPortOrIcmpCode"], {6: "tcp", 17: "udp"}.get(e["ipProtocol"], "ip"))
        break
PY
)
inspect built-in "$proto.srcport == $sport && $proto.dstport == $dport"
echo "check-pcap: probe --pcap wrote captures tshark dissects cleanly"
