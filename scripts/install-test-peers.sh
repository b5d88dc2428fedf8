#!/usr/bin/env bash
# Installs the third-party peers the interop suite runs against:
#   - Debian packages: prosody, openssl, python3-venv, socat (and util-linux for setpriv),
#     sip-tester (SIPp, for SIPpInteropTests), baresip-core (baresip, for
#     BaresipInteropTests), and for the web UI tests
#     chromium, chromium-driver and fonts-liberation
#   - the venv .venv-peers at the repository root with the pinned PyPI
#     packages from interop/requirements.txt (slixmpp, pytest, selenium).
# Idempotent and quick when everything is already in place; needs no TTY.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo_root/.venv-peers"
requirements="$repo_root/interop/requirements.txt"
# Debian's interpreter, not whatever python3 comes first on PATH: the venv
# must survive changes to user-level Python installs.
system_python=/usr/bin/python3

debian_packages=(prosody openssl python3 python3-venv util-linux socat sip-tester baresip-core chromium chromium-driver fonts-liberation)

log() { printf 'install-test-peers: %s\n' "$*" >&2; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        log "need root to run: $*"
        exit 1
    fi
}

install_debian_packages() {
    local missing=() package
    for package in "${debian_packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null \
                | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "Debian packages present: ${debian_packages[*]}"
        return
    fi
    log "installing Debian packages: ${missing[*]}"
    # Keep packaged services (prosody on 0.0.0.0:5222) from starting: the
    # suite runs its own instance on loopback.
    local guard=""
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        guard=/usr/sbin/policy-rc.d
        as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d'
        trap 'as_root rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    as_root apt-get update -q
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
    if [[ -n $guard ]]; then
        as_root rm -f "$guard"
        trap - EXIT
    fi
}

# Prints nothing and succeeds when every pinned requirement is installed
# at exactly its pinned version.
venv_matches_pins() {
    "$venv/bin/python" - "$requirements" <<'PY'
import sys
from importlib import metadata

wrong = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, version = line.split("==")
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        installed = None
    if installed != version:
        wrong.append(f"{name} {installed} (want {version})")
if wrong:
    print("; ".join(wrong), file=sys.stderr)
    sys.exit(1)
PY
}

prepare_venv() {
    if [[ -x $venv/bin/python ]] && "$venv/bin/python" -c 'import sys' 2>/dev/null; then
        if venv_matches_pins 2>/dev/null \
                && "$venv/bin/python" -c 'import slixmpp, pytest, selenium' 2>/dev/null; then
            log "venv up to date: $venv"
            return
        fi
    else
        log "creating venv: $venv"
        rm -rf "$venv"
        "$system_python" -m venv "$venv"
    fi
    log "installing pinned PyPI packages into $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-input -r "$requirements"
    venv_matches_pins
    "$venv/bin/python" -c 'import slixmpp, pytest, selenium'
}

install_debian_packages
prepare_venv
log "ready: prosody $(dpkg-query -W -f='${Version}' prosody), chromium $(dpkg-query -W -f='${Version}' chromium), slixmpp $("$venv/bin/python" -c 'import slixmpp; print(slixmpp.__version__)'), selenium $("$venv/bin/python" -c 'import selenium; print(selenium.__version__)')"
