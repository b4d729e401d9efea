#!/usr/bin/env bash
# Proves that the packet records the emulator streams are frames packet tools accept: runs `serve` with the
# all-event-types scenario on free 127.0.0.1 ports, lets `probe --pcap` write the intrusion event's packet
# (record 2) to a libpcap file, and has tshark read it with IP, TCP and UDP checksum validation on. Fails
# unless tshark reports no malformed packet and no expert error, and dissects the scripted TCP frame
# (203.0.113.50:51234 -> 10.1.0.20:80). Installs tshark with apt-get when it is missing (as root, or via sudo).
# Reuses the Release build when it is there (the build below is incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh

if ! command -v tshark >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends tshark >/dev/null
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/estreamer-pcap-check.XXXXXX")"
trap 'stop_serve 10 || true; rm -rf "$work"' EXIT

dotnet build cli/EStreamer.Emulator.Cli.csproj -c Release -v quiet -nologo
cli=(dotnet cli/bin/Release/net10.0/estreamer-emulator.dll)

read -r port control_port < <(free_ports)
echo "check-pcap: serve all-event-types on 127.0.0.1:$port, control port $control_port"
start_serve "$work/serve.log" "${cli[@]}" serve --scenario all-event-types --data-dir "$work/data" --port "$port" --control-port "$control_port"
wait_healthy "$control_port" 60

# The scenario's first event (at 1 s) is the intrusion event with its packet: two records.
pcap="$work/packets.pcap"
timeout 60 "${cli[@]}" probe --host 127.0.0.1 --port "$port" --pkcs12 "$work/data/clients/127.0.0.1.pkcs12" \
    --password estreamer --extended --families intrusion,packet-data --count 2 --timeout 30 --pcap "$pcap" \
    >"$work/records.jsonl" 2>"$work/probe.log" \
    || { echo "check-pcap: probe failed:" >&2; cat "$work/probe.log" >&2; exit 1; }
stop_serve 20

checks=(-o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE)
packets="$(tshark -r "$pcap" "${checks[@]}" 2>/dev/null | wc -l)"
malformed="$(tshark -r "$pcap" "${checks[@]}" -Y '_ws.malformed' 2>/dev/null | wc -l)"
expert_errors="$(tshark -r "$pcap" "${checks[@]}" -Y '_ws.expert.severity == error' 2>/dev/null | wc -l)"
tcp_frames="$(tshark -r "$pcap" "${checks[@]}" -Y 'tcp.srcport == 51234 && tcp.dstport == 80 && ip.src == 203.0.113.50 && ip.dst == 10.1.0.20' 2>/dev/null | wc -l)"
tshark -r "$pcap" "${checks[@]}" -q -z expert 2>/dev/null || true
echo "check-pcap: $packets packets, $malformed malformed, $expert_errors with expert errors, $tcp_frames TCP 51234 -> 80"

if [ "$packets" -lt 1 ] || [ "$malformed" -ne 0 ] || [ "$expert_errors" -ne 0 ] || [ "$tcp_frames" -lt 1 ]; then
    echo "check-pcap: the capture is not what a sensor would have written; tshark's view:" >&2
    tshark -r "$pcap" "${checks[@]}" -V 2>/dev/null | head -120 >&2 || true
    exit 1
fi
echo "check-pcap: probe --pcap wrote a capture tshark dissects cleanly"
