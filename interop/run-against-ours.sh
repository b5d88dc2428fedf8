#!/usr/bin/env bash
# Runs the interop suite against our own server (the msgr executable) on
# loopback, with a fresh data folder and three fresh users.
# Installs nothing: run scripts/install-test-peers.sh first.
# Honours $SWIFT_BUILD_FLAGS (e.g. "-c release"); extra arguments go to pytest.
# Exits with pytest's status, or non-zero if the server does not stop cleanly.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/runner-common.sh"

require_peers
command -v swift >/dev/null || { runner_log "swift not on PATH"; exit 2; }

# Word splitting of the flags is intended: "-c release" is two arguments.
# shellcheck disable=SC2206
build_flags=(${SWIFT_BUILD_FLAGS:-})

work="$(mktemp -d /tmp/interop-ours.XXXXXX)"
server_pid=""

finish() {
    local status=$?
    if [[ -n $server_pid ]]; then
        if ! stop_process "$server_pid" 10; then
            runner_log "msgr server did not exit within 10 s of SIGTERM"
            (( status == 0 )) && status=1
        fi
    fi
    if (( status != 0 )) && [[ -s $work/server.log ]]; then
        runner_log "last lines of the server log:"
        tail -n 30 "$work/server.log" >&2 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$repo_root"
runner_log "building msgr"
swift build --product msgr "${build_flags[@]}"
msgr="$(swift build --show-bin-path "${build_flags[@]}")/msgr"
[[ -x $msgr ]] || { runner_log "no executable at $msgr"; exit 2; }

data="$work/data"
mkdir -p "$data"

users=(alice bob carol)
for index in 1 2 3; do
    user="${users[index - 1]}"
    password="$(random_password)"
    printf '%s\n' "$password" \
        | "$msgr" user add "$user@$XMPP_DOMAIN" --data "$data" --password-stdin
    printf -v "XMPP_USER$index" '%s' "$user"
    printf -v "XMPP_PASS$index" '%s' "$password"
done

port="$(free_loopback_port)"
"$msgr" server --data "$data" --domain "$XMPP_DOMAIN" \
    --c2s-port "$port" --bind 127.0.0.1 >"$work/server.log" 2>&1 &
server_pid=$!
wait_for_port "$port" "$server_pid" 30
runner_log "msgr listening on 127.0.0.1:$port"

set +e
run_suite "$port" "$@"
suite_status=$?
set -e

# Stop here rather than in the trap so that a slow shutdown fails the run.
if ! stop_process "$server_pid" 10; then
    runner_log "msgr server did not exit within 10 s of SIGTERM"
    server_pid=""
    exit 1
fi
server_pid=""
exit "$suite_status"
