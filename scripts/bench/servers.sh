# Starting and stopping the three servers bench-compare.sh measures (sourced).
# Each runs on 127.0.0.1 from a throw-away folder, plaintext allowed,
# in-band registration open, the same feature set: roster, offline storage,
# vCard, blocking, private storage, disco, ping, stream management; no MAM.
# Every start_* sets server_pid and server_version; stop_server ends it.

BENCH_DOMAIN=bench.test
server_pid=""
server_version=""
server_kind=""

bench_log() { printf 'bench-compare: %s\n' "$*" >&2; }

free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_listening PORT PID SECONDS
wait_listening() {
    local port=$1 pid=$2 seconds=$3 waited=0
    while (( waited < seconds * 10 )); do
        kill -0 "$pid" 2>/dev/null || { bench_log "server pid $pid exited before listening"; return 1; }
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.1
        waited=$((waited + 1))
    done
    bench_log "nothing listens on $port after $seconds s"
    return 1
}

self_signed_certificate() {
    local folder=$1
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$BENCH_DOMAIN" \
        -addext "subjectAltName=DNS:$BENCH_DOMAIN" -keyout "$folder/server.key" -out "$folder/server.crt" 2>/dev/null
}

# start_ours MSGR FOLDER PORT
start_ours() {
    local msgr=$1 folder=$2 port=$3
    server_kind=ours
    server_version="$("$msgr" --version 2>/dev/null || echo "msgr ($(git -C "$repo_root" rev-parse --short HEAD))")"
    "$msgr" server --data "$folder/data" --domain "$BENCH_DOMAIN" --c2s-port "$port" \
        --allow-plaintext --allow-registration --log-level error >"$folder/server.log" 2>&1 &
    server_pid=$!
    wait_listening "$port" "$server_pid" 60
}

# start_prosody FOLDER PORT
start_prosody() {
    local folder=$1 port=$2
    server_kind=prosody
    server_version="Prosody $(dpkg-query -W -f='${Version}' prosody)"
    mkdir -p "$folder/data"
    self_signed_certificate "$folder"
    cat >"$folder/prosody.cfg.lua" <<CFG
pidfile = "$folder/prosody.pid"
data_path = "$folder/data"
daemonize = false
interfaces = { "127.0.0.1" }
c2s_ports = { $port }
legacy_ssl_ports = {}
s2s_ports = {}
http_ports = {}
https_ports = {}
admin_interfaces = {}
network_backend = "epoll"
-- Prosody's listen queue is 128 by default; with hundreds of sign-ins in
-- flight connections were refused. Ours is 1,024, ejabberd's 8,192 (the
-- kernel caps both at net.core.somaxconn, 4,096 here).
network_settings = { tcp_backlog = 4096 }
modules_enabled = {
    "roster"; "saslauth"; "tls"; "disco"; "ping"; "vcard"; "blocklist";
    "offline"; "private"; "smacks"; "register"; "posix";
}
modules_disabled = { "s2s" }
authentication = "internal_hashed"
c2s_require_encryption = false
allow_unencrypted_plain_auth = false
allow_registration = true
min_seconds_between_registrations = 0
registration_throttle_max = 1000000
log = { ${BENCH_PROSODY_LOG:-warn} = "$folder/prosody.log" }
ssl = { key = "$folder/server.key"; certificate = "$folder/server.crt" }
VirtualHost "$BENCH_DOMAIN"
CFG
    chown -R prosody:prosody "$folder"
    setpriv --reuid=prosody --regid=prosody --init-groups -- prosody --config "$folder/prosody.cfg.lua" -F \
        >"$folder/server.log" 2>&1 &
    server_pid=$!
    wait_listening "$port" "$server_pid" 60
}

# start_ejabberd FOLDER PORT
ejabberd_folder=""
start_ejabberd() {
    local folder=$1 port=$2
    server_kind=ejabberd
    ejabberd_folder=$folder
    # ejabberd's database belongs to its Erlang node name: a folder keeps the
    # name it was first started with, so data kept between runs (--data)
    # opens again whatever port the server gets next time.
    mkdir -p "$folder/conf"
    [[ -s $folder/conf/node ]] || echo "bench$port@localhost" >"$folder/conf/node"
    ejabberd_node="$(cat "$folder/conf/node")"
    server_version="ejabberd $(dpkg-query -W -f='${Version}' ejabberd)"
    mkdir -p "$folder/conf" "$folder/logs" "$folder/spool"
    self_signed_certificate "$folder"
    cat "$folder/server.key" "$folder/server.crt" >"$folder/conf/server.pem"
    cat >"$folder/conf/ejabberdctl.cfg" <<CFG
INET_DIST_INTERFACE=127.0.0.1
ERL_DIST_PORT=$(free_port)
ERLANG_NODE=$ejabberd_node
ERL_MAX_PORTS=65536
# At 19,000 users subscribing, Mnesia warned "overloaded: dump_log
# write_threshold" and stopped answering for minutes; a larger threshold
# dumps its transaction log less often (Mnesia's documented remedy).
ERL_OPTIONS="-mnesia dump_log_write_threshold 50000 -mnesia dc_dump_limit 40"
CFG
    cat >"$folder/conf/ejabberd.yml" <<CFG
hosts:
  - $BENCH_DOMAIN
loglevel: warning
certfiles:
  - $folder/conf/server.pem
listen:
  -
    port: $port
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls: true
    max_stanza_size: 262144
    shaper: none
    access: c2s
    backlog: 8192
s2s_access: none
auth_method: internal
auth_password_format: scram
# The default 1,000 entries shrank all the time at 19,000 users (ejabberd's
# log asks for more when that happens often): room for every user.
cache_size: 50000
registration_timeout: infinity
access_rules:
  c2s:
    allow: all
  register:
    allow: all
shaper_rules:
  max_user_sessions: 10
  max_user_offline_messages: 10000
modules:
  mod_roster:
    versioning: true
  mod_offline: {}
  mod_vcard: {}
  mod_blocking: {}
  mod_privacy: {}
  mod_private: {}
  mod_disco: {}
  mod_ping: {}
  mod_stream_mgmt: {}
  mod_register:
    access: register
    ip_access: all
CFG
    chown -R ejabberd:ejabberd "$folder"
    ejabberd_ctl foreground >"$folder/server.log" 2>&1 &
    # Until the Erlang VM is found, stop_server can at least stop the launcher.
    server_pid=$!
    wait_listening "$port" "$server_pid" 90 || return 1
    # The launcher is a shell; the server's CPU and memory are the Erlang VM's.
    local vm
    vm="$(pgrep -n -f "beam.*$ejabberd_node" || true)"
    [[ -n $vm ]] || { bench_log "no Erlang VM found for ejabberd"; return 1; }
    server_pid=$vm
}

# Runs as the ejabberd user already: ejabberdctl would otherwise switch with
# su, whose PAM limits put the VM back at 1,024 open files (setpriv keeps
# the limit this shell raised, as for Prosody).
ejabberd_ctl() {
    setpriv --reuid=ejabberd --regid=ejabberd --init-groups -- env HOME=/var/lib/ejabberd \
        ejabberdctl --config-dir "$ejabberd_folder/conf" --config "$ejabberd_folder/conf/ejabberd.yml" \
        --logs "$ejabberd_folder/logs" --spool "$ejabberd_folder/spool" "$@"
}

# check_open_files PID SESSIONS: says (on stderr) when the server process may
# not hold SESSIONS connections (a launcher that switches user through PAM
# can lower what this shell raised).
check_open_files() {
    local pid=$1 sessions=$2 limit
    limit="$(awk '/^Max open files/ {print $4}' "/proc/$pid/limits" 2>/dev/null || true)"
    [[ -n $limit ]] || return 0
    if [[ $limit != unlimited ]] && (( limit < sessions + 100 )); then
        bench_log "warning: pid $pid may open only $limit files, fewer than $sessions sessions need"
    fi
}

# Stops whatever start_* started; waits at most 30 s, then kills.
stop_server() {
    [[ -n $server_pid ]] || return 0
    if [[ $server_kind == ejabberd ]]; then
        ejabberd_ctl stop >/dev/null 2>&1 || kill -TERM "$server_pid" 2>/dev/null || true
        # Whatever is left of the VM (the launcher may have been the pid we knew).
        pkill -f "beam.*${ejabberd_node:-none}" 2>/dev/null || true
    else
        kill -TERM "$server_pid" 2>/dev/null || true
    fi
    local waited=0
    while kill -0 "$server_pid" 2>/dev/null && (( waited < 300 )); do
        sleep 0.1
        waited=$((waited + 1))
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}
