#!/usr/bin/env bash
# Runs the same `msgr bench` scenarios against our server, Prosody and
# ejabberd, one after another on this machine, and writes docs/BENCHMARKS.md
# (raw JSON results go to .build/bench-compare/). Installs Prosody and
# ejabberd from Debian when missing and builds msgr in release mode.
#
#   [MSGR=path] scripts/bench-compare.sh [--quick | --full] [--data DIR] [--provision-only]
#                                        [--servers ours,prosody,ejabberd] [--scenarios a,b]
#
# Scenarios (issue 7):
#   a  1,000 users × 18 contacts, messaging at increasing rates until p99
#      exceeds 50 ms, a message is lost or the rate is not reached
#   b  as many idle sessions as one process may hold here (19,000; the
#      open-files hard limit is 20,000) with 18-contact rosters: RSS per
#      session and login rate
# --quick shrinks both (200 users; 2,000 idle sessions) to try the script.
# --full is the issue's sizes (the default) with the servers' data kept in
#   --data (default /var/tmp/msgr-bench-full): provisioning 19,000 users ×
#   18 contacts takes a long while, so it is done once per server and data
#   folder; later runs find every pair mutual and go straight to measuring.
# --data DIR keeps each server's data folder and the bench's key caches in
#   DIR (created when missing) instead of a temporary folder removed at exit.
# --provision-only registers the users and makes the contacts mutual, and
#   stops there (no figures, docs/BENCHMARKS.md untouched): with --data, a
#   way to get the long part done ahead of the measured run.
# The client-side figures (scenario c) come from `msgr bench-client`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo_root/scripts/bench/servers.sh"

invocation="scripts/bench-compare.sh $*"
size=default
data=""
provision_only=false
servers=(ours prosody ejabberd)
scenarios=(a b)
while [[ $# -gt 0 ]]; do
    case $1 in
        --quick) size=quick ;;
        --full) size=full ;;
        --data) data=$2; shift ;;
        --provision-only) provision_only=true ;;
        --servers) IFS=, read -r -a servers <<<"$2"; shift ;;
        --scenarios) IFS=, read -r -a scenarios <<<"$2"; shift ;;
        *) bench_log "unknown argument $1 (--quick, --full, --data DIR, --provision-only, --servers LIST, --scenarios LIST)"; exit 2 ;;
    esac
    shift
done

a_users=1000
a_rates=(1000 2000 3000 5000 7500 10000 15000)
b_users=19000
# Upper bounds on one wait (--timeout): provisioning stops earlier by itself
# when the server has gone quiet without completing (ProvisionWatch), so its
# bound only has to exceed the slowest server's honest progress: Prosody
# rewrites a roster file about 8 times per pair, and 19,000 × 18 is 171,000
# pairs, roughly 2 h (docs/bench.md, "The full-size side-by-side run").
provision_timeout=14400
a_timeout=600
b_timeout=1800
case $size in
    quick)
        a_users=200
        a_rates=(500 1000 2000)
        b_users=2000
        provision_timeout=1800
        ;;
    full)
        data=${data:-/var/tmp/msgr-bench-full}
        ;;
esac

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

# Sessions are file descriptors: take the hard limit (20,000 here) for the
# bench and the servers it starts (they inherit it). A session is one
# descriptor in the bench and one in the server, plus a few hundred for
# everything else.
ulimit -n "$(ulimit -Hn)"
if [[ " ${scenarios[*]} " == *" b "* ]] && (( $(ulimit -n) < b_users + 500 )); then
    bench_log "scenario b needs $((b_users + 500)) open files per process; the hard limit here is $(ulimit -Hn)"
    exit 1
fi

# MSGR=path uses an msgr already built (for trying the script); the
# figures in docs come from a release build.
if [[ -n ${MSGR:-} ]]; then
    msgr=$MSGR
else
    bench_log "building msgr (release)"
    (cd "$repo_root" && swift build -c release --product msgr >&2)
    msgr="$repo_root/.build/release/msgr"
fi

# Results of the scenarios and servers this run measures are replaced;
# others from an earlier run of the same size stay, so (a) and (b) can run
# in separate invocations (provisioning (b) takes hours) and still make one
# report.
results="$repo_root/.build/bench-compare"
sizes=full
[[ $size == quick ]] && sizes=quick
if [[ "$(cat "$results/size" 2>/dev/null)" != "$sizes" ]]; then
    rm -rf "$results"
fi
mkdir -p "$results"
echo "$sizes" >"$results/size"
for scenario in "${scenarios[@]}"; do
    for name in "${servers[@]}"; do
        rm -f "$results/$name-$scenario".* "$results/$name-$scenario"-*
    done
done
echo "$invocation    # $(date -u +%Y-%m-%d)" >>"$results/invocation"
if [[ -n $data ]]; then
    mkdir -p "$data"
    work="$(cd "$data" && pwd)"
    bench_log "server data and key caches in $work (kept)"
else
    work="$(mktemp -d /tmp/bench-compare.XXXXXX)"
fi
# The servers run as their own users and must reach their folders.
chmod 755 "$work"
finish() {
    local status=$?
    stop_server
    [[ -n $data ]] || rm -rf "$work"
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
    check_open_files "$server_pid" "$b_users"
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

# provision NAME SCENARIO COMMON-ARGS…: registers the users and makes every
# ring pair mutual, once per data folder. The record of the run that did the
# work is kept next to the data ($work/NAME-SCENARIO.provision.json); a later
# run on the same data only checks (every pair already mutual, nothing sent)
# and reports the kept record, so the table still shows what provisioning took.
provision() {
    local name=$1 scenario=$2
    shift 2
    local out="$results/$name-$scenario-provision.json" kept="$work/$name-$scenario.provision.json"
    bench "$out" "$@" --register --phases login --rate 1 --duration 1 --timeout "$provision_timeout"
    local state
    state="$(python3 "$repo_root/scripts/bench/report.py" provision "$out" || true)"
    bench_log "$name: provisioning $state"
    case $state in
        fresh)
            cp "$out" "$kept"
            cp "$out.command" "$kept.command"
            ;;
        reused)
            if [[ -e $kept ]]; then
                mv "$out" "$results/$name-$scenario-provision-check.json"
                mv "$out.command" "$results/$name-$scenario-provision-check.json.command"
                cp "$kept" "$out"
                cp "$kept.command" "$out.command"
            fi
            ;;
        *) return 1 ;;
    esac
}

# --- scenario a: message rate ----------------------------------------------------
scenario_a() {
    local name=$1 port
    port="$(free_port)"
    start_named "$name" "$work/$name-a" "$port"
    local common=(--port "$port" --domain "$BENCH_DOMAIN" --users "$a_users" --roster 18 --no-tls
        --server-pid "$server_pid" --source-ips 8 --key-cache "$work/$name-a.keys")
    if ! provision "$name" a "${common[@]}" || $provision_only; then
        stop_server
        return
    fi
    for rate in "${a_rates[@]}"; do
        local out="$results/$name-a-$rate.json"
        bench "$out" "${common[@]}" --timeout "$a_timeout" --phases login,messaging,presence --rate "$rate" --duration 10
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
        --server-pid "$server_pid" --source-ips 20 --concurrency 400 --key-cache "$work/$name-b.keys")
    if ! provision "$name" b "${common[@]}" || $provision_only; then
        stop_server
        return
    fi
    # A fresh process on the same data, so RSS per session is not flattered
    # by memory the provisioning run already grew (and the presence backlog
    # of that run is gone).
    stop_server
    start_named "$name" "$work/$name-b" "$port"
    # 1,000 sign-ins in flight: what 19,000 clients reconnecting after a
    # restart look like. Idle for a minute before RSS is read: each server's
    # memory after its login storm has settled (garbage collection, memory
    # handed back), which is what a long-running server holds.
    common=(--port "$port" --domain "$BENCH_DOMAIN" --users "$b_users" --roster 18 --no-tls
        --server-pid "$server_pid" --source-ips 20 --concurrency 1000 --key-cache "$work/$name-b.keys")
    bench "$results/$name-b.json" "${common[@]}" --timeout "$b_timeout" --phases login,idle --idle 60 --rate 1 --duration 1
    stop_server
}

for scenario in "${scenarios[@]}"; do
    for name in "${servers[@]}"; do
        bench_log "scenario $scenario against $name"
        "scenario_$scenario" "$name"
    done
done

if $provision_only; then
    bench_log "provisioned (records in $results); docs/BENCHMARKS.md left as it was"
    exit 0
fi
python3 "$repo_root/scripts/bench/report.py" markdown "$results" >"$repo_root/docs/BENCHMARKS.md"
bench_log "wrote docs/BENCHMARKS.md (raw results in $results)"
