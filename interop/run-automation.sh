#!/usr/bin/env bash
# The automation socket end to end: our server with three users, a real
# `msgr client` signed in as the first, and the pytest suite in
# interop/automation/ driving that client over its socket while the second
# user is a slixmpp client. Then both processes must stop cleanly on SIGTERM.
# Installs nothing: run scripts/install-test-peers.sh first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/runner-common.sh"

require_peers
# shellcheck disable=SC2206
build_flags=(${SWIFT_BUILD_FLAGS:-})
work="$(mktemp -d /tmp/interop-automation.XXXXXX)"
server_pid=""
client_pid=""

finish() {
    local status=$?
    for pid in "$client_pid" "$server_pid"; do
        [[ -n $pid ]] && { stop_process "$pid" 10 || status=1; }
    done
    if (( status != 0 )); then
        for log in client server; do
            [[ -s $work/$log.log ]] && { runner_log "last lines of the $log log:"; tail -n 30 "$work/$log.log" >&2; }
        done
    fi
    rm -rf "$work"
    exit "$status"
}
trap finish EXIT

cd "$repo_root"
swift build --product msgr "${build_flags[@]}"
msgr="$(swift build --show-bin-path "${build_flags[@]}")/msgr"

users=(alice bob carol)
for index in 1 2 3; do
    user="${users[index - 1]}"
    password="$(random_password)"
    printf '%s\n' "$password" | "$msgr" user add "$user@$XMPP_DOMAIN" --data "$work/server" --password-stdin
    printf -v "XMPP_USER$index" '%s' "$user"
    printf -v "XMPP_PASS$index" '%s' "$password"
done

port="$(free_loopback_port)"
"$msgr" server --data "$work/server" --domain "$XMPP_DOMAIN" --c2s-port "$port" --bind 127.0.0.1 >"$work/server.log" 2>&1 &
server_pid=$!
wait_for_port "$port" "$server_pid" 30

export AUTOMATION_SOCKET="$work/run/automation.sock"
printf '%s\n' "$XMPP_PASS1" | "$msgr" client --jid "alice@$XMPP_DOMAIN" --password-stdin \
    --host 127.0.0.1 --port "$port" --insecure --data "$work/client" --socket "$AUTOMATION_SOCKET" --web-port 0 \
    >"$work/client.log" 2>&1 &
client_pid=$!
for _ in $(seq 1 60); do
    [[ -S $AUTOMATION_SOCKET ]] && break
    kill -0 "$client_pid" 2>/dev/null || { runner_log "msgr client exited early"; exit 1; }
    sleep 0.5
done
[[ -S $AUTOMATION_SOCKET ]] || { runner_log "no automation socket after 30 s"; exit 1; }

set +e
run_suite "$port" automation "$@"
suite_status=$?
set -e

# Stopping is part of the test: both must exit cleanly and promptly.
stop_process "$client_pid" 10 || { client_pid=""; runner_log "msgr client did not stop on SIGTERM"; exit 1; }
client_pid=""
[[ ! -e $AUTOMATION_SOCKET ]] || { runner_log "msgr client left its socket behind"; exit 1; }
if grep -rq -- "$XMPP_PASS1" "$work/client"; then runner_log "the password is stored in the client's data folder"; exit 1; fi
exit "$suite_status"
