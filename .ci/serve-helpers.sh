# Sourced by the .ci checks that start `estreamer-emulator serve` from a build artefact: free ports, start in
# the background, wait for GET /healthz, stop with SIGTERM. Every wait is bounded; the caller's EXIT trap
# calls stop_serve so that nothing outlives the check.

SERVE_PID=""
SERVE_LOG=""

# Prints two distinct free TCP ports on 127.0.0.1 (held open together while chosen, so they differ).
free_ports() {
    python3 -c 'import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))'
}

# start_serve LOG COMMAND... : runs COMMAND (ending in its serve arguments) in the background, output to LOG.
start_serve() {
    SERVE_LOG="$1"; shift
    "$@" >"$SERVE_LOG" 2>&1 &
    SERVE_PID=$!
}

# wait_healthy CONTROL_PORT SECONDS : until GET /healthz answers 200, the server exits, or time runs out.
wait_healthy() {
    local port="$1" deadline=$((SECONDS + $2))
    while (( SECONDS < deadline )); do
        if ! kill -0 "$SERVE_PID" 2>/dev/null; then
            echo "serve exited before it was healthy; its output:" >&2; cat "$SERVE_LOG" >&2; return 1
        fi
        if curl -sf --max-time 2 "http://127.0.0.1:$port/healthz" >/dev/null; then return 0; fi
        sleep 0.5
    done
    echo "serve was not healthy on 127.0.0.1:$port within $2 s; its output:" >&2; cat "$SERVE_LOG" >&2
    return 1
}

# stop_serve [SECONDS] : SIGTERM, then SIGKILL if it has not exited in time. Returns serve's exit status
# after SIGTERM (0 or 143 count as a clean stop), 1 when it had to be killed.
stop_serve() {
    local pid="$SERVE_PID" deadline=$((SECONDS + ${1:-20})) status=0
    [ -n "$pid" ] || return 0
    SERVE_PID=""
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "serve did not stop within ${1:-20} s of SIGTERM; killed" >&2
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        return 1
    fi
    wait "$pid" 2>/dev/null || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 143 ]; then
        echo "serve exited with status $status after SIGTERM; its output:" >&2; cat "$SERVE_LOG" >&2
        return 1
    fi
}

# The one version (Directory.Build.props), as MSBuild evaluates it.
project_version() {
    dotnet msbuild "$1" -getProperty:Version
}
