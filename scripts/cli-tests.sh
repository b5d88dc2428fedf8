#!/usr/bin/env bash
# End-to-end checks of the `msgr` command line as an operator uses it:
# exit codes and messages for account administration and bad arguments.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

swift build --product msgr ${SWIFT_BUILD_FLAGS:-} >&2 || exit 1
msgr="$(swift build ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/msgr"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

passed=0
failed=0
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

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
