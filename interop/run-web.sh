#!/usr/bin/env bash
# The web UI in a real browser: `msgr demo` serving its page on a loopback
# port, a guest account on the demo server for a slixmpp client, and the
# pytest suite in interop/web/ driving headless Chromium (selenium) and the
# automation socket at once. Writes docs/screenshots/*.png (or $SCREENSHOT_DIR).
# Then the demo must stop cleanly on SIGINT with exit status 0.
# Installs what is missing first (scripts/install-test-peers.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/runner-common.sh"

"$repo_root/scripts/install-test-peers.sh"
require_peers
"$venv_python" -c 'import selenium' || { runner_log "selenium is missing from .venv-peers"; exit 2; }
for tool in chromium chromedriver; do
    command -v "$tool" >/dev/null || { runner_log "$tool is not installed"; exit 2; }
done

# shellcheck disable=SC2206
build_flags=(${SWIFT_BUILD_FLAGS:-})
work="$(mktemp -d /tmp/interop-web.XXXXXX)"
demo_pid=""

finish() {
    local status=$?
    if [[ -n $demo_pid ]]; then
        stop_process "$demo_pid" 10 || status=1
    fi
    if (( status != 0 )) && [[ -s $work/demo.log ]]; then
        runner_log "last lines of the demo's output:"
        tail -n 40 "$work/demo.log" >&2
    fi
    rm -rf "$work"
    exit "$status"
}
trap finish EXIT

cd "$repo_root"
swift build --product msgr "${build_flags[@]}"
msgr="$(swift build --show-bin-path "${build_flags[@]}")/msgr"

# The guest exists before the demo starts: the demo keeps accounts it did not make.
guest_jid=guest@demo.test
guest_password="$(random_password)"
printf '%s\n' "$guest_password" | "$msgr" user add "$guest_jid" --data "$work/demo/server" --password-stdin

# A fixed port, so that the page can find the client again after the restart step.
web_port="$(free_loopback_port)"
start_demo() {
    "$msgr" demo --data "$work/demo" --web-port "$web_port" --socket "$work/a.sock" >"$work/demo.log" 2>&1 &
    demo_pid=$!
}
start_demo

# The demo prints its addresses once everything is up; the web line last of them.
printed_line() { sed -n "s/^$1:[[:space:]]*//p" "$work/demo.log" | head -n 1; }
for _ in $(seq 1 120); do
    [[ -n $(printed_line web) && -n $(printed_line socket) ]] && break
    kill -0 "$demo_pid" 2>/dev/null || { runner_log "msgr demo exited early"; exit 1; }
    sleep 0.5
done
web_url="$(printed_line web)"
socket_path="$(printed_line socket)"
server_address="$(printed_line server)"   # "127.0.0.1:PORT (demo.test), SIP on 127.0.0.1:PORT"
xmpp_port="${server_address#127.0.0.1:}"
xmpp_port="${xmpp_port%% *}"
sip_port="${server_address##*SIP on 127.0.0.1:}"
[[ $web_url =~ ^http://127\.0\.0\.1:[0-9]+/[A-Za-z0-9_-]{43}/$ ]] \
    || { runner_log "msgr demo printed no usable web address: '$web_url'"; exit 1; }
[[ -S $socket_path ]] || { runner_log "no automation socket at '$socket_path'"; exit 1; }
[[ $xmpp_port =~ ^[0-9]+$ ]] || { runner_log "msgr demo printed no server port: '$server_address'"; exit 1; }
[[ $sip_port =~ ^[0-9]+$ ]] || { runner_log "msgr demo printed no SIP port: '$server_address'"; exit 1; }
runner_log "demo up: web $web_url, socket $socket_path, XMPP port $xmpp_port, SIP port $sip_port"

set +e
(
    cd "$interop_dir"
    WEB_URL="$web_url" AUTOMATION_SOCKET="$socket_path" \
    XMPP_HOST=127.0.0.1 XMPP_PORT="$xmpp_port" SIP_PORT="$sip_port" \
    GUEST_JID="$guest_jid" GUEST_PASSWORD="$guest_password" \
    SCREENSHOT_DIR="${SCREENSHOT_DIR:-$repo_root/docs/screenshots}" \
        timeout --signal=TERM 600 "$venv_python" -m pytest web "$@"
)
suite_status=$?
set -e

# Stopping is part of the test: Ctrl-C ends the demo promptly with status 0.
interrupt_demo() {
    kill -INT "$demo_pid"
    local waited=0 demo_status
    while kill -0 "$demo_pid" 2>/dev/null && (( waited < 150 )); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$demo_pid" 2>/dev/null; then
        runner_log "msgr demo still running 15 s after SIGINT"
        exit 1
    fi
    set +e
    wait "$demo_pid"
    demo_status=$?
    set -e
    demo_pid=""
    (( demo_status == 0 )) || { runner_log "msgr demo exited with status $demo_status after SIGINT"; exit 1; }
}
(( suite_status == 0 )) || exit "$suite_status"

# The restart step (interop/web/restart_phase.py): an open page reconnects by itself.
restart_dir="$work/restart"
mkdir "$restart_dir"
await_file() {
    local waited=0
    until [[ -e $restart_dir/$1 ]]; do
        (( waited < 600 )) && kill -0 "$restart_test_pid" 2>/dev/null \
            || { runner_log "the restart test ended or stalled before writing $1"; exit 1; }
        sleep 0.1
        waited=$((waited + 1))
    done
}
(
    cd "$interop_dir"
    WEB_URL="$web_url" AUTOMATION_SOCKET="$socket_path" RESTART_DIR="$restart_dir" \
        timeout --signal=TERM 300 "$venv_python" -m pytest web/restart_phase.py
) &
restart_test_pid=$!
await_file page-ready
interrupt_demo
touch "$restart_dir/demo-stopped"
await_file saw-disconnect
start_demo
set +e
wait "$restart_test_pid"
restart_status=$?
set -e
(( restart_status == 0 )) || { runner_log "the page did not reconnect after the restart"; exit "$restart_status"; }
interrupt_demo
