#!/usr/bin/env bash
# Runs the same `msgr bench` scenarios against our server, Prosody and
# ejabberd, one after another on this machine, and writes docs/BENCHMARKS.md
# (raw JSON results go to .build/bench-compare/). Installs Prosody and
# ejabberd from Debian when missing and builds msgr in release mode.
#
#   [MSGR=path] scripts/bench-compare.sh [--quick] [--servers ours,prosody,ejabberd] [--scenarios a,b]
#
# Scenarios (issue 7):
#   a  1,000 users × 18 contacts, messaging at increasing rates until p99
#      exceeds 50 ms, a message is lost or the rate is not reached
#   b  as many idle sessions as one process may hold here (19,000; the
#      open-files hard limit is 20,000) with 18-contact rosters: RSS per
#      session and login rate
# --quick shrinks both (200 users; 2,000 idle sessions) to try the script.
# The client-side figures (scenario c) come from `msgr bench-client`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo_root/scripts/bench/servers.sh"

quick=false
servers=(ours prosody ejabberd)
scenarios=(a b)
while [[ $# -gt 0 ]]; do
    case $1 in
        --quick) quick=true ;;
        --servers) IFS=, read -r -a servers <<<"$2"; shift ;;
        --scenarios) IFS=, read -r -a scenarios <<<"$2"; shift ;;
        *) bench_log "unknown argument $1 (--quick, --servers LIST, --scenarios LIST)"; exit 2 ;;
    esac
    shift
done

a_users=1000
a_rates=(1000 2000 3000 5000 7500 10000 15000)
b_users=19000
if $quick; then
    a_users=200
    a_rates=(500 1000 2000)
    b_users=2000
fi

# --- setup -------------------------------------------------------------------
install_missing() {
    local missing=()
    for package in prosody ejabberd openssl; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    [[ ${#missing[@]} -eq 0 ]] && return
    bench_log "installing ${missing[*]}"
    # Packaged services must not start on their default ports. A policy file
    # already there (container images ship one) is left alone; ours is
    # removed even when apt-get fails.
    local status=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
        { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } || status=$?
        rm -f /usr/sbin/policy-rc.d
    else
        { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } || status=$?
    fi
    return "$status"
}
install_missing

# Sessions are file descriptors: take the hard limit (20,000 here).
ulimit -n "$(ulimit -Hn)"

# MSGR=path uses an msgr already built (for trying the script); the
# figures in docs come from a release build.
if [[ -n ${MSGR:-} ]]; then
    msgr=$MSGR
else
    bench_log "building msgr (release)"
    (cd "$repo_root" && swift build -c release --product msgr >&2)
    msgr="$repo_root/.build/release/msgr"
fi

results="$repo_root/.build/bench-compare"
rm -rf "$results"
mkdir -p "$results"
work="$(mktemp -d /tmp/bench-compare.XXXXXX)"
chmod 755 "$work"
finish() {
    local status=$?
    stop_server
    rm -rf "$work"
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_named() {
    local name=$1 folder=$2 port=$3
    mkdir -p "$folder"
    case $name in
        ours) start_ours "$msgr" "$folder" "$port" ;;
        prosody) start_prosody "$folder" "$port" ;;
        ejabberd) start_ejabberd "$folder" "$port" ;;
        *) bench_log "unknown server $name"; return 1 ;;
    esac
    bench_log "$name is $server_version, pid $server_pid, port $port"
    echo "$server_version" >"$results/$name.version"
}

# bench OUTPUT ARGS…: one msgr bench run, JSON kept; never fails the script
# (a failed run is a result too).
bench() {
    local output=$1
    shift
    bench_log "msgr bench $*"
    echo "msgr bench $*" >"$output.command"
    "$msgr" bench "$@" --json >"$output" 2>"$output.log" || true
}

# --- scenario a: message rate ----------------------------------------------------
scenario_a() {
    local name=$1 port
    port="$(free_port)"
    start_named "$name" "$work/$name-a" "$port"
    local common=(--port "$port" --domain "$BENCH_DOMAIN" --users "$a_users" --roster 18 --no-tls
        --server-pid "$server_pid" --source-ips 8 --timeout 600 --key-cache "$work/$name-a.keys")
    bench "$results/$name-a-provision.json" "${common[@]}" --register --phases login --rate 1 --duration 1
    for rate in "${a_rates[@]}"; do
        local out="$results/$name-a-$rate.json"
        bench "$out" "${common[@]}" --phases login,messaging,presence --rate "$rate" --duration 10
        if ! python3 "$repo_root/scripts/bench/report.py" sustained "$out" 50; then
            bench_log "$name: not sustained at $rate msg/s; stopping the ramp"
            break
        fi
    done
    stop_server
}

# --- scenario b: idle sessions -----------------------------------------------------
scenario_b() {
    local name=$1 port
    port="$(free_port)"
    start_named "$name" "$work/$name-b" "$port"
    local common=(--port "$port" --domain "$BENCH_DOMAIN" --users "$b_users" --roster 18 --no-tls
        --server-pid "$server_pid" --source-ips 20 --timeout 1800 --concurrency 400 --key-cache "$work/$name-b.keys")
    bench "$results/$name-b-provision.json" "${common[@]}" --register --phases login --rate 1 --duration 1
    # A fresh process on the same data, so RSS per session is not flattered
    # by memory the provisioning run already grew (and the presence backlog
    # of that run is gone). Same port: ejabberd's database is tied to its node name.
    stop_server
    start_named "$name" "$work/$name-b" "$port"
    common=(--port "$port" --domain "$BENCH_DOMAIN" --users "$b_users" --roster 18 --no-tls
        --server-pid "$server_pid" --source-ips 20 --timeout 1800 --concurrency 400 --key-cache "$work/$name-b.keys")
    bench "$results/$name-b.json" "${common[@]}" --phases login,idle --idle 10 --rate 1 --duration 1
    stop_server
}

for scenario in "${scenarios[@]}"; do
    for name in "${servers[@]}"; do
        bench_log "scenario $scenario against $name"
        "scenario_$scenario" "$name"
    done
done

python3 "$repo_root/scripts/bench/report.py" markdown "$results" >"$repo_root/docs/BENCHMARKS.md"
bench_log "wrote docs/BENCHMARKS.md (raw results in $results)"
