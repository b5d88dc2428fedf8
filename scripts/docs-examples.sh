#!/usr/bin/env bash
# Runs the examples in docs/automation.md (fenced blocks marked
# "```python example" and "```sh example") against a real `msgr demo`,
# then stops the demo with Ctrl-C and checks that it exits cleanly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

swift build --product msgr ${SWIFT_BUILD_FLAGS:-} >&2
msgr="$(swift build ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/msgr"
work="$(mktemp -d /tmp/msgr-docs.XXXXXX)"
demo_pid=""
cleanup() {
    [[ -n $demo_pid ]] && kill -9 "$demo_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

export MSGR_SOCKET="$work/automation.sock"
"$msgr" demo --data "$work/data" --socket "$MSGR_SOCKET" --c2s-port 0 --web-port 0 >"$work/demo.log" 2>&1 &
demo_pid=$!

# Ready when the local user is online (MISTATUS_ONLINE = 2) and the bots are on the list.
ready=""
for _ in $(seq 1 120); do
    if [[ -S $MSGR_SOCKET ]] && python3 - <<'PY' 2>/dev/null; then ready=yes; break; fi
import json, os, socket
s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(os.environ["MSGR_SOCKET"])
f = s.makefile("r")
def call(i, method):
    s.sendall((json.dumps({"jsonrpc": "2.0", "id": i, "method": method}) + "\n").encode())
    return json.loads(f.readline())["result"]["value"]
assert call(1, "Messenger.get_MyStatus") == 2
assert call(2, "Messenger.get_MyContacts")["count"] >= 3
PY
    sleep 0.5
done
if [[ -z $ready ]]; then
    echo "msgr demo did not come up; its log:" >&2
    cat "$work/demo.log" >&2
    exit 1
fi

extract() { # LANGUAGE → every "```LANGUAGE example" block of the doc, in order, to stdout
    awk -v open="\`\`\`$1 example" '$0 == open { inside = 1; next } inside && /^```/ { inside = 0; print ""; next } inside { print }' docs/automation.md
}
extract python >"$work/example.py"
extract sh >"$work/example.sh"
[[ -s $work/example.py && -s $work/example.sh ]] || { echo "no examples found in docs/automation.md" >&2; exit 1; }

echo "== docs/automation.md: Python example" >&2
python3 "$work/example.py"
echo "== docs/automation.md: socat example" >&2
bash -euo pipefail "$work/example.sh"

echo "== msgr demo stops cleanly on Ctrl-C" >&2
kill -INT "$demo_pid"
for _ in $(seq 1 40); do kill -0 "$demo_pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$demo_pid" 2>/dev/null; then
    echo "msgr demo still running 20 s after SIGINT" >&2
    exit 1
fi
wait "$demo_pid" && status=0 || status=$?
demo_pid=""
[[ $status -eq 0 ]] || { echo "msgr demo exited with $status; its log:" >&2; cat "$work/demo.log" >&2; exit 1; }
[[ ! -e $MSGR_SOCKET ]] || { echo "the socket file is still there after stopping" >&2; exit 1; }
echo "docs examples passed; msgr demo stopped cleanly" >&2
