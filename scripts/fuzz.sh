#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (TOOLING.md's recipe): builds the
# fuzz targets with AddressSanitizer and coverage instrumentation in
# .build-fuzz/, then runs each for a bounded time on its corpus in
# Fuzz/corpus/. A crash, a hang over 5 s or more than 2 GiB of memory is a
# finding: libFuzzer writes the input to .build-fuzz/findings/ and this
# script exits non-zero.
#
#   scripts/fuzz.sh [SECONDS] [sip|xml|scram|rpc ...]     default: 30 s each, every target
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

seconds=30
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(sip xml scram rpc)

log() { printf 'fuzz: %s\n' "$*" >&2; }

product_for() {
    case $1 in
        sip) echo FuzzSIPMessage ;;
        xml) echo FuzzXMLStream ;;
        scram) echo FuzzSCRAM ;;
        rpc) echo FuzzAutomationRPC ;;
        *) log "unknown target '$1' (sip, xml, scram or rpc)"; exit 2 ;;
    esac
}

toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
runtime="$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -n 1 || true)"
[[ -n $runtime ]] || { log "no libclang_rt.fuzzer_no_main in $toolchain"; exit 1; }

findings="$repo_root/.build-fuzz/findings"
mkdir -p "$findings"
status=0
for target in "${targets[@]}"; do
    product="$(product_for "$target")"
    log "building $product"
    swift build --product "$product" --scratch-path .build-fuzz \
        -Xswiftc -DFUZZING \
        -Xswiftc -sanitize=address \
        -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
        -Xlinker "$runtime" -Xlinker -lstdc++ >&2
    # The committed corpus stays as it is; what libFuzzer learns goes to a work copy.
    work="$repo_root/.build-fuzz/corpus/$target"
    mkdir -p "$work"
    cp -n "Fuzz/corpus/$target"/* "$work"/ 2>/dev/null || true
    # The RPC target's tasks finish cleaning up after an input returns, which
    # LeakSanitizer's per-input check takes for leaks; growth still shows in
    # the RSS limit.
    extra=()
    asan_options=${ASAN_OPTIONS:-}
    if [[ $target == rpc ]]; then
        extra=(-detect_leaks=0)
        asan_options=detect_leaks=0
    fi
    log "running $product for ${seconds}s"
    if ! ASAN_OPTIONS=$asan_options ".build-fuzz/debug/$product" "$work" "Fuzz/corpus/$target" "${extra[@]}" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$findings/$target-" -print_final_stats=1 >&2; then
        log "FAILED: $product found a problem; the input is in $findings/"
        status=1
    fi
done
exit $status
