#!/usr/bin/env bash
# End-to-end checks of the `msgr` command line as an operator uses it:
# exit codes and messages for account administration and bad arguments;
# `msgr demo` and `msgr client` up, answering on their automation socket,
# and stopping cleanly on Ctrl-C.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

swift build --product msgr ${SWIFT_BUILD_FLAGS:-} >&2 || exit 1
msgr="$(swift build ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/msgr"
data="$(mktemp -d)"

passed=0
failed=0
pids=()
trap 'for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done; rm -rf "$data"' EXIT

# rpc SOCKET METHOD [PARAMS_JSON] → the reply line (python3 stdlib only)
rpc() {
    python3 - "$@" <<'PY'
import json, socket, sys
path, method = sys.argv[1], sys.argv[2]
request = {"jsonrpc": "2.0", "id": 1, "method": method}
if len(sys.argv) > 3:
    request["params"] = json.loads(sys.argv[3])
s = socket.socket(socket.AF_UNIX)
s.settimeout(10)
s.connect(path)
s.sendall((json.dumps(request) + "\n").encode())
print(s.makefile("r").readline().strip())
PY
}

# wait_for SECONDS COMMAND... → true once COMMAND succeeds, false after SECONDS
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# stop_within PID SECONDS → SIGINT, then the exit status (124 when it did not stop in time)
stop_within() {
    local pid=$1 limit=$2 deadline
    kill -INT "$pid" 2>/dev/null
    deadline=$((SECONDS + limit))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            kill -KILL "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
            return 124
        fi
        sleep 0.2
    done
    wait "$pid"
}

# check NAME COMMAND... → counts a pass when COMMAND succeeds
check() {
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL %s\n' "$name" >&2
    fi
}

status_is_online() { rpc "$1" Messenger.get_MyStatus | grep -q '"value":2'; }
# expect NAME EXPECTED_EXIT(0|nonzero) PATTERN -- COMMAND... ; stdin from $input
expect() {
    local name=$1 want=$2 pattern=$3
    shift 4
    local out status
    out=$(printf '%s' "${input:-}" | "$@" 2>&1)
    status=$?
    if { [[ $want == 0 && $status -eq 0 ]] || [[ $want == nonzero && $status -ne 0 ]]; } && grep -qE -- "$pattern" <<<"$out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL %s (exit %s): %s\n' "$name" "$status" "$out" >&2
    fi
}

input=$'alice-pw\n' expect "add" 0 "added alice@example.test" -- "$msgr" user add alice@example.test --data "$data" --password-stdin
input=$'x\n' expect "add existing" nonzero "already exists" -- "$msgr" user add Alice@Example.test --data "$data" --password-stdin
input=$'x\n' expect "malformed jid" nonzero "not an account address" -- "$msgr" user add "a b@example.test" --data "$data" --password-stdin
input=$'x\n' expect "other domain" nonzero "belongs to example.test" -- "$msgr" user add bob@other.test --data "$data" --password-stdin
input='' expect "empty password" nonzero "no password" -- "$msgr" user add carol@example.test --data "$data" --password-stdin
input='' expect "password flag required" nonzero "password-stdin" -- "$msgr" user add carol@example.test --data "$data"
input=$'bob-pw\n' expect "add second" 0 "added bob@example.test" -- "$msgr" user add bob@example.test --data "$data" --password-stdin
input='' expect "list" 0 "^alice@example.test$" -- "$msgr" user list --data "$data"
input=$'new-pw\n' expect "passwd" 0 "password changed" -- "$msgr" user passwd alice@example.test --data "$data" --password-stdin
input=$'new-pw\n' expect "passwd unknown" nonzero "no account" -- "$msgr" user passwd nobody@example.test --data "$data" --password-stdin
input='' expect "remove" 0 "removed bob@example.test" -- "$msgr" user remove bob@example.test --data "$data"
input='' expect "remove again" nonzero "no account" -- "$msgr" user remove bob@example.test --data "$data"
input='' expect "list after remove" 0 "^alice@example.test$" -- "$msgr" user list --data "$data"
input='' expect "no password in storage" 0 "^$" -- sh -c "grep -c 'new-pw' '$data/server.sqlite' '$data'/server.sqlite-wal 2>/dev/null | grep -v ':0' || true"
input='' expect "cert without key" nonzero "go together" -- "$msgr" server --data "$data" --domain example.test --cert /nonexistent
input='' expect "server other domain" nonzero "belongs to example.test" -- "$msgr" server --data "$data" --domain other.test --c2s-port 0
input='' expect "server bad pager webhook port" nonzero "pager-webhook-host must be HOST or HOST:PORT" -- "$msgr" server --data "$data" --domain example.test --pager-webhook-host "pager.example.test:99999"
input='' expect "server pager webhook URL is no host" nonzero "pager-webhook-host must be HOST or HOST:PORT" -- "$msgr" server --data "$data" --domain example.test --pager-webhook-host "http://pager.example.test/"
input='' expect "server bad --memory-trim-seconds" nonzero "memory-trim-seconds must be 0…86400" -- "$msgr" server --data "$data" --domain example.test --memory-trim-seconds 100000
# HOST:PORT passes validation: the run gets as far as the data folder's domain check.
input='' expect "server pager webhook host:port accepted" nonzero "belongs to example.test" -- "$msgr" server --data "$data" --domain other.test --c2s-port 0 --pager-webhook-host "pager.example.test:8080"
input='' expect "unknown digest algorithm" nonzero "must list SHA-256 and/or MD5" -- "$msgr" server --data "$data" --domain example.test --sip-port 0 --sip-digest MD4

# msgr demo: up with the bots on the list, then Ctrl-C stops everything and removes the socket.
demo_socket="$data/demo.sock"
"$msgr" demo --data "$data/demo" --socket "$demo_socket" --web-port 0 >"$data/demo.log" 2>&1 &
demo_pid=$!
pids+=("$demo_pid")
check "demo socket appears" wait_for 60 test -S "$demo_socket"
check "demo client online" wait_for 30 status_is_online "$demo_socket"
check "demo get_MyStatus" grep -q '"result":{"hr":0,"value":2}' <<<"$(rpc "$demo_socket" Messenger.get_MyStatus)"
check "demo three contacts" grep -q '"count":3' <<<"$(rpc "$demo_socket" Messenger.get_MyContacts)"
check "demo prints the socket" grep -q "socket:  $demo_socket" "$data/demo.log"

# The web UI: the printed address answers with the page; a wrong token gets 403.
web_url=$(sed -n 's/^web:     //p' "$data/demo.log")
check "demo prints the web address" grep -Eq '^http://127\.0\.0\.1:[0-9]+/[A-Za-z0-9_-]{43}/$' <<<"$web_url"
check "web page answers 200 text/html" bash -c "curl -s -o /dev/null -w '%{http_code} %{content_type}' '$web_url' | grep -q '^200 text/html'"
wrong_url="${web_url%/*/}/wrong-token-wrong-token-wrong-token-wrong-tok/"
check "web wrong token answers 403" bash -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' '$wrong_url')\" = 403"
check "web token kept 0600" test "$(stat -c %a "$data/demo/web-token")" = 600

# The scripting verbs against the demo, as a shell user types them.
verb() { "$msgr" "$@" --socket "$demo_socket"; }
history_has() { verb history echo@demo.test | grep -q "$1"; }
input='' expect "verb contacts" 0 "echo@demo.test +Echo Bot" -- verb contacts
input='' expect "verb status set" 0 "^$" -- verb status busy
input='' expect "verb status get" 0 "^busy$" -- verb status
input='' expect "verb status bad name" nonzero "not a status" -- verb status sleepy
input='' expect "verb send" 0 "^$" -- verb send echo@demo.test "hello from the shell"
check "verb history has the echo" wait_for 10 history_has "You said: “hello from the shell”"
input='' expect "verb im reuses the window" 0 "^[0-9]+$" -- verb im echo@demo.test
input='' expect "verb im bad contact" nonzero "^E_INVALIDARG \(0x80070057\): contact starts with a space$" -- verb im " echo@demo.test"
input='' expect "verb windows" 0 "conversation" -- verb windows
input='' expect "verb phone" 0 "^[0-9]+$" -- verb phone pager@demo.test --type work
input='' expect "verb phone bad type" nonzero "work|home|mobile|custom" -- verb phone pager@demo.test --type fax
input='' expect "verb hangup without a call" nonzero "there is no call to hang up" -- verb hangup
input='' expect "verb phone --follow: the pager bot answers" 0 "connected: Connected" -- verb phone --follow --timeout 60 pager@demo.test "+1 555 0100"
check "the call was recorded" bash -c "ls '$data/demo/recordings/'*.wav >/dev/null"
input='' expect "verb phone unknown number" nonzero "MSGR_E_PHONE_INVALID_NUMBER" -- verb phone --follow pager@demo.test "+1 999 000 0000"
input='' expect "verb answer without a call" nonzero "no incoming call" -- verb answer
input='' expect "client bad --sip-server" nonzero "must be IP:PORT" -- "$msgr" client --sip-server sip.example.test:5060 --no-signin
input='' expect "client bad --audio-source" nonzero "audio-source must be" -- "$msgr" client --audio-source beep --no-signin
input='' expect "verb page" 0 "^$" -- verb page pager@demo.test "ping from the shell"
input='' expect "verb page --wait says where it went" 0 "^Sent to 1 device$" -- verb page pager@demo.test "ping and wait" --wait
input='' expect "verb page without a pager" nonzero "^MSGR_E_PAGING_UNAVAILABLE \(0x81000339\): .* has not enabled paging$" -- verb page echo@demo.test "no pager here"
input='' expect "verb pager number" 0 "^$" -- verb pager number "+1 555 0142"
input='' expect "verb pager number without digits" nonzero "^E_INVALIDARG \(0x80070057\): a pager number needs digits$" -- verb pager number "call me"
input='' expect "verb pager number needs an argument" nonzero "give a pager number or --clear" -- verb pager number
input='' expect "verb pager number --clear" 0 "^$" -- verb pager number --clear
input='' expect "verb pager gateway set" 0 "^$" -- verb pager gateway "http://127.0.0.1:9/pages"
input='' expect "verb pager gateway get" 0 "^http://127.0.0.1:9/pages$" -- verb pager gateway
input='' expect "verb pager gateway https refused" nonzero "^E_INVALIDARG \(0x80070057\): a pager gateway is http://HOST\[:PORT\]/PATH, at most 512 characters$" -- verb pager gateway "https://127.0.0.1/pages"
input='' expect "verb pager gateway --clear" 0 "^$" -- verb pager gateway --clear
input='' expect "verb pager gateway cleared" 0 "^$" -- verb pager gateway
input='' expect "verb call raw" 0 '"hr":0' -- verb call Messenger.get_MyStatus
input='' expect "verb call unknown method" nonzero "32601" -- verb call Messenger.Teleport
input='' expect "verb json contacts" 0 '"echo@demo.test"' -- verb contacts --json
input='' expect "verb without a client" nonzero "no Communicator running" -- "$msgr" status --socket "$data/nobody.sock"

# Another user gets nothing, even with the file modes opened up: the client
# checks the peer's uid (SO_PEERCRED) and closes the connection unanswered.
other_user_reply() {
    chmod 755 "$data" && chmod 666 "$demo_socket"
    setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 - "$demo_socket" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
try:
    s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"Messenger.get_MyStatus"}\n')
    print(s.recv(4096).decode() or "closed without a reply")
except OSError as error:
    print("closed without a reply:", error)
PY
    local status=$?
    chmod 700 "$data" && chmod 600 "$demo_socket"
    return $status
}
if [[ $(id -u) -eq 0 ]]; then
    input='' expect "another uid is refused" 0 "^closed without a reply" -- other_user_reply
else
    echo "FAIL another uid is refused: needs root to act as a second user (CI runs as root)" >&2
    failed=$((failed + 1))
fi
stop_within "$demo_pid" 20
check "demo exits 0 on SIGINT" test $? -eq 0
check "demo removes its socket" test ! -e "$demo_socket"
grep -q "Ctrl-C to stop" "$data/demo.log" || cat "$data/demo.log" >&2

# The demo again on the same data folder: the conversation with echo is kept across the restart.
"$msgr" demo --data "$data/demo" --socket "$demo_socket" >"$data/demo2.log" 2>&1 &
demo_pid=$!
pids+=("$demo_pid")
check "demo restarts on its data folder" wait_for 60 status_is_online "$demo_socket"
input='' expect "verb history --archive after a restart" 0 "\] Echo Bot: You said: “hello from the shell”" -- verb history echo@demo.test --archive
input='' expect "verb history --archive has the sent line" 0 "^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\] me@demo.test: hello from the shell$" -- verb history echo@demo.test --archive
input='' expect "verb history without a window" nonzero "no open conversation with echo@demo.test .*--archive" -- verb history echo@demo.test
check "history files are private" test "$(stat -c %a "$data/demo/history/echo@demo.test.jsonl")" = 600
stop_within "$demo_pid" 20
check "restarted demo exits 0" test $? -eq 0

# msgr client against msgr server: signs in with the password once, keeps only SCRAM keys.
server_data="$data/server2"
printf 'carol-secret-pw\n' | "$msgr" user add carol@client.test --data "$server_data" --password-stdin >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$msgr" server --data "$server_data" --domain client.test --c2s-port "$port" --sip-port 0 \
    --memory-trim-seconds 1 --log-level debug >"$data/server2.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
wait_for 30 python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)"
wait_for 30 grep -q '^sip port [0-9]' "$data/server2.log"
sip_port=$(sed -n 's/^sip port \([0-9]*\).*/\1/p' "$data/server2.log" | head -n 1)
check "server hands unused memory back every --memory-trim-seconds" wait_for 10 grep -q "malloc_trim" "$data/server2.log"
client_socket="$data/client.sock"
client_data="$data/client"
input='' expect "client without account" nonzero "no account configured" -- "$msgr" client --data "$client_data" --socket "$client_socket" --web-port 0
input='' expect "client unreadable password file" nonzero "cannot read the password file" -- "$msgr" client --jid carol@client.test --password-file "$data/missing" --data "$client_data" --socket "$client_socket" --web-port 0
input=$'wrong-pw\n' expect "client wrong password" nonzero "MSGR_E_INVALID_PASSWORD" -- "$msgr" client --jid carol@client.test --password-stdin --host 127.0.0.1 --port "$port" --insecure --data "$client_data" --socket "$client_socket" --web-port 0
printf 'carol-secret-pw\n' | "$msgr" client --jid carol@client.test --password-stdin --host 127.0.0.1 --port "$port" --insecure \
    --sip-server "127.0.0.1:$sip_port" --data "$client_data" --socket "$client_socket" --web-port 0 >"$data/client.log" 2>&1 &
client_pid=$!
pids+=("$client_pid")
check "client socket appears" wait_for 60 test -S "$client_socket"
check "client signed in" wait_for 30 status_is_online "$client_socket"
check "client --insecure warns" grep -q "WARNING: --insecure" "$data/client.log"
check "client stored keys" wait_for 10 grep -q '"saltedPassword"' "$client_data/account.json"
check "client stored the SIP digest secret" grep -q '"sipSecret"' "$client_data/account.json"
check "client registered its phone line" wait_for 30 grep -q "registration=registered" "$data/client.log"
check "client socket in use" bash -c "! '$msgr' client --data '$client_data' --socket '$client_socket' --web-port 0 >'$data/second.log' 2>&1 && grep -q 'another client' '$data/second.log'"
check "account.json is 0600" test "$(stat -c %a "$client_data/account.json")" = 600
check "no password in the client's folder" bash -c "! grep -rq 'carol-secret-pw' '$client_data'"
stop_within "$client_pid" 20
check "client exits 0 on SIGINT" test $? -eq 0
check "client removes its socket" test ! -e "$client_socket"
# Second run: no --jid, no password — the stored keys sign in, the stored digest secret registers the phone.
"$msgr" client --data "$client_data" --socket "$client_socket" --web-port 0 --sip-server "127.0.0.1:$sip_port" >"$data/client2.log" 2>&1 &
client_pid=$!
pids+=("$client_pid")
check "client signs in with stored keys" wait_for 60 status_is_online "$client_socket"
check "client registers its phone without a password" wait_for 30 grep -q "registration=registered" "$data/client2.log"
# signin/signout wait for the outcome the events report.
input='' expect "verb signout waits until offline" 0 "^$" -- "$msgr" signout --socket "$client_socket"
input='' expect "verb status offline after signout" 0 "^offline$" -- "$msgr" status --socket "$client_socket"
input='' expect "verb signout twice" nonzero "^MSGR_E_NOT_LOGGED_ON \(0x8100031E\)" -- "$msgr" signout --socket "$client_socket"
input='' expect "verb signin waits until online" 0 "^online$" -- "$msgr" signin --socket "$client_socket"
input='' expect "verb signin twice" nonzero "^MSGR_E_ALREADY_LOGGED_ON" -- "$msgr" signin --socket "$client_socket"
printf 'changed-pw\n' | "$msgr" user passwd carol@client.test --data "$server_data" --password-stdin >/dev/null
input='' expect "verb signout before a failing signin" 0 "^$" -- "$msgr" signout --socket "$client_socket"
input='' expect "verb signin reports the OnSignin failure" nonzero "^MSGR_E_INVALID_PASSWORD \(0x" -- "$msgr" signin --socket "$client_socket"
input='' expect "verb signin bad timeout" nonzero "at least 1 second" -- "$msgr" signin --timeout 0 --socket "$client_socket"
stop_within "$client_pid" 20
check "second client exits 0" test $? -eq 0
stop_within "$server_pid" 20 >/dev/null

# msgr bench against msgr server --allow-plaintext --allow-registration: a tiny run that must lose nothing.
bench_data="$data/bench-server"
bench_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
input='' expect "server --allow-plaintext refuses a non-loopback address" nonzero "allow-plaintext needs a loopback" -- "$msgr" server --data "$bench_data" --domain bench.test --bind 0.0.0.0 --allow-plaintext
input='' expect "bench --roster must be even" nonzero "roster must be an even number" -- "$msgr" bench --roster 3
input='' expect "bench bad --source-ips" nonzero "source-ips: a count must be 1…254" -- "$msgr" bench --source-ips 0
"$msgr" server --data "$bench_data" --domain bench.test --c2s-port "$bench_port" --allow-plaintext --allow-registration \
    --log-level warning >"$data/bench-server.log" 2>&1 &
bench_server_pid=$!
pids+=("$bench_server_pid")
wait_for 30 python3 -c "import socket; socket.create_connection(('127.0.0.1', $bench_port), 1)"
"$msgr" bench --host 127.0.0.1 --port "$bench_port" --domain bench.test --users 20 --roster 4 --register --no-tls \
    --rate 100 --duration 5 --idle 1 --server-pid "$bench_server_pid" --source-ips 2 --json >"$data/bench.json" 2>"$data/bench.log"
check "bench exits 0" test $? -eq 0
check "bench JSON says nothing was lost" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
m = r['messaging']
ok = r['passed'] and r['login']['ready'] == 20 and r['login']['failed'] == 0 and m['lost'] == 0 and m['sent'] == 500 and m['received'] == 500 and m['latency']['count'] == 500 and m['server_cpu_ms_per_message'] is not None and r['idle']['server_rss_kib_per_session'] is not None
sys.exit(0 if ok else 1)" "$data/bench.json"
check "bench progress on stderr" grep -q "^bench: login: 20/20 available" "$data/bench.log"
stop_within "$bench_server_pid" 20 >/dev/null

# msgr bench-client: its own in-process server; a tiny run must list every contact and lose no text.
input='' expect "bench-client --online over --contacts" nonzero "online must be 0…10 .at most --contacts and 1000., not 11" -- "$msgr" bench-client --contacts 10 --online 11
timeout 300 "$msgr" bench-client --contacts 50 --online 5 --signins 2 --iterations 50 --timeout 60 --json \
    >"$data/bench-client.json" 2>"$data/bench-client.log"
check "bench-client exits 0" test $? -eq 0
check "bench-client JSON: every contact listed, every call and text counted" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
s = r['signin']
a = r['automation']
ok = r['passed'] and s['failed'] == 0 and [x['contacts_listed'] for x in s['samples']] == [50, 50] \\
    and [x['contacts_online'] for x in s['samples']] == [5, 5] and s['to_contact_list']['count'] == 2 \\
    and [c['count'] for c in a['calls']] == [50, 50, 50] and r['delivery']['received'] == 50 and r['delivery']['lost'] == 0
sys.exit(0 if ok else 1)" "$data/bench-client.json"
check "bench-client progress on stderr" grep -q "^bench-client: sign-in 2/2: " "$data/bench-client.log"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
