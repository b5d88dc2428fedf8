# Shared by run-against-prosody.sh and run-against-ours.sh (sourced, not run).
# Expects scripts/install-test-peers.sh to have run already.

interop_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$interop_dir/.." && pwd)"
venv_python="$repo_root/.venv-peers/bin/python"

# The XMPP domain both servers serve during the run.
XMPP_DOMAIN=example.test
XMPP_HOST=127.0.0.1

runner_log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

require_peers() {
    if [[ ! -x $venv_python ]] || ! "$venv_python" -c 'import slixmpp, pytest' 2>/dev/null; then
        runner_log "no usable .venv-peers; run scripts/install-test-peers.sh first"
        exit 2
    fi
}

# A loopback TCP port nobody listens on right now.
free_loopback_port() {
    "$venv_python" -c '
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])'
}

random_password() {
    openssl rand -hex 16
}

# wait_for_port PORT PID SECONDS: succeeds once PORT accepts a connection;
# fails if PID exits first or the time runs out.
wait_for_port() {
    local port=$1 pid=$2 seconds=$3 waited=0
    while (( waited < seconds * 10 )); do
        if ! kill -0 "$pid" 2>/dev/null; then
            runner_log "server (pid $pid) exited before listening on $port"
            return 1
        fi
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    runner_log "server did not listen on port $port within $seconds s"
    return 1
}

# stop_process PID SECONDS: SIGTERM, then wait; fails (after SIGKILL) if the
# process outlives SECONDS.
stop_process() {
    local pid=$1 seconds=$2 waited=0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
        if (( waited >= seconds * 10 )); then
            runner_log "pid $pid still running $seconds s after SIGTERM; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    wait "$pid" 2>/dev/null || true
    return 0
}

# run_suite PORT [pytest args...]: runs the suite against 127.0.0.1:PORT with
# the accounts in XMPP_USER1..3 / XMPP_PASS1..3; returns pytest's status.
run_suite() {
    local port=$1
    shift
    (
        cd "$interop_dir"
        XMPP_HOST="$XMPP_HOST" XMPP_PORT="$port" XMPP_DOMAIN="$XMPP_DOMAIN" \
        XMPP_USER1="$XMPP_USER1" XMPP_PASS1="$XMPP_PASS1" \
        XMPP_USER2="$XMPP_USER2" XMPP_PASS2="$XMPP_PASS2" \
        XMPP_USER3="$XMPP_USER3" XMPP_PASS3="$XMPP_PASS3" \
            timeout --signal=TERM 300 "$venv_python" -m pytest "$@"
    )
}
