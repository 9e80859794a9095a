# Shared by the bench scripts (source it after setting HEALTHCTL and DATABASE): checks the tools and the binary,
# makes a scratch data directory ($work, $data, the storage options in $storage), stops every server started with
# bench_serve and removes the scratch directory on exit.

# bench_setup TOOL...: fails with exit 2 unless each tool and $HEALTHCTL are there.
bench_setup() {
    for tool in "$@"; do command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }; done
    [ -x "$HEALTHCTL" ] || { echo "bench: $HEALTHCTL not found; build it with: swift build -c release" >&2; exit 2; }
    work=$(mktemp -d)
    data="$work/data"
    server_pids=()
    trap bench_cleanup EXIT
    storage=(--data "$data")
    [ -n "$DATABASE" ] && storage+=(--database "$DATABASE")
    return 0
}

bench_cleanup() {
    for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    rm -rf "$work"
}

# bench_serve NAME [SERVE OPTION...]: starts `healthctl serve` on a free loopback port, its log in $work/NAME.log,
# and sets $url once it listens (exit 1 with the log if it does not start).
bench_serve() {
    local log="$work/$1.log"
    shift
    "$HEALTHCTL" serve "${storage[@]}" --port 0 --log-level error "$@" >"$log" 2>&1 &
    server_pids+=($!)
    for _ in $(seq 100); do grep -q "listening on" "$log" 2>/dev/null && break; sleep 0.1; done
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)
    [ -n "$url" ] || { echo "bench: the server did not start" >&2; cat "$log" >&2; exit 1; }
}
