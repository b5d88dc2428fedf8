#!/bin/sh
# SIPp interop: installs SIPp (Debian sip-tester) when missing, then runs the
# Swift suites that point SIPp's built-in uac scenario at our UAS and, through
# our server's proxy, at a user registered with our registrar.
set -eu
cd "$(dirname "$0")/../.."
if ! command -v sipp >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sip-tester
fi
swift test --filter 'SIPpInteropTests|SIPpProxyTests'
