#!/usr/bin/env python3
"""Reads bench-compare.sh's JSON results.

  report.py sustained FILE P99_MS   exit 0 when that messaging run kept up
  report.py provision FILE          prints fresh (pairs made mutual now), reused
                                    (all were already) or incomplete; exit 1 when incomplete
  report.py markdown DIR            prints docs/BENCHMARKS.md
"""
import datetime
import glob
import json
import os
import platform
import re
import sys

SERVERS = ["ours", "prosody", "ejabberd"]


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def sustained(run, p99_limit):
    """A rate is sustained when nothing was lost, the rate was reached and p99 stayed under the limit."""
    if not run or not run.get("passed"):
        return False
    m = run.get("messaging")
    if not m or m.get("lost", 1) != 0:
        return False
    if m["achieved_per_second"] < 0.95 * m["target_per_second"]:
        return False
    return m["latency"]["p99_ms"] <= p99_limit


def provision_state(run):
    """fresh, reused or incomplete: what a provisioning run did."""
    p = (run or {}).get("provision")
    if not p or p.get("failed", 1) != 0 or p.get("contacts_mutual", 0) < p.get("contacts_wanted", 1):
        return "incomplete"
    return "reused" if p.get("contacts_already_mutual") == p.get("contacts_wanted") else "fresh"


def fmt(value, digits=2):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def ratio(ours, theirs):
    if ours is None or theirs in (None, 0):
        return "–"
    return f"{ours / theirs:.2f}"


def command(path):
    try:
        with open(path + ".command") as f:
            return f.read().strip()
    except OSError:
        return None


def machine():
    cores = os.cpu_count()
    memory = "?"
    try:
        with open("/proc/meminfo") as f:
            kib = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
            memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            found = re.search(r"model name\s*:\s*(.+)", f.read())
            model = found.group(1).strip() if found else "?"
    except OSError:
        pass
    return f"{cores} cores ({model}), {memory} memory, {platform.system()} {platform.release()}"


def version(results, name):
    try:
        with open(os.path.join(results, name + ".version")) as f:
            return f.read().strip()
    except OSError:
        return None


def rate_runs(results, name):
    runs = []
    for path in glob.glob(os.path.join(results, f"{name}-a-*.json")):
        tail = os.path.basename(path)[len(name) + 3:-5]
        if tail.isdigit():
            runs.append((int(tail), path, load(path)))
    return sorted(runs)


def markdown(results):
    out = []
    w = out.append
    today = datetime.date.today().isoformat()
    w("# Benchmarks: our server, Prosody and ejabberd side by side")
    w("")
    w(f"Written by `scripts/bench-compare.sh` on {today}. All three servers ran on this machine,")
    w("one at a time, on 127.0.0.1, in plaintext (no TLS), with in-band registration and the same")
    w("features (roster, offline storage, vCard, blocking, private storage, disco, ping, stream")
    w("management; no MAM). The load came from `msgr bench` (docs/bench.md) on the same cores, so")
    w("the headline figure is the **server's CPU time per delivered message**, read from /proc for")
    w("the server's process.")
    w("")
    w(f"- Machine: {machine()}")
    for name in SERVERS:
        v = version(results, name)
        if v:
            w(f"- {name}: {v}")
    w("")

    present = [n for n in SERVERS if rate_runs(results, n)]
    if present:
        first = next((r for _, _, r in rate_runs(results, present[0]) if r), {}) or {}
        size = first.get("settings", {})
        w(f"## (a) Message rate: {fmt(size.get('users'))} users × {fmt(size.get('roster'))} contacts")
        w("")
        w("Each step signs everyone in, then sends the given total rate of ~64-byte chats for 10 s to")
        w("random contacts; latency is end to end (send deadline to receipt). The ramp stops at the first")
        w("rate with p99 over 50 ms, a lost message or the rate not reached.")
        w("")
        w("| Server | Target msg/s | Achieved | Lost | p50 ms | p99 ms | p99.9 ms | Server CPU ms/msg | Presence p99 ms |")
        w("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        best = {}
        cpu_at = {}
        for name in present:
            for rate, path, run in rate_runs(results, name):
                m = (run or {}).get("messaging")
                if not m:
                    w(f"| {name} | {rate:,} | failed | | | | | | |")
                    continue
                p = (run or {}).get("presence", {}).get("latency", {})
                ok = sustained(run, 50)
                if ok:
                    best[name] = max(best.get(name, 0), rate)
                cpu_at.setdefault(name, {})[rate] = m.get("server_cpu_ms_per_message")
                mark = "" if ok else " ✗"
                w(f"| {name} | {rate:,}{mark} | {fmt(m['achieved_per_second'], 0)} | {m['lost']} | "
                  f"{fmt(m['latency']['p50_ms'])} | {fmt(m['latency']['p99_ms'])} | {fmt(m['latency']['p999_ms'])} | "
                  f"{fmt(m.get('server_cpu_ms_per_message'), 3)} | {fmt(p.get('p99_ms'))} |")
        w("")
        w("✗: not sustained (see the columns).")
        w("")
        w("| | Max sustained msg/s | Ratio ours / theirs |")
        w("| --- | --- | --- |")
        for name in present:
            r = "" if name == "ours" else ratio(best.get("ours"), best.get(name))
            lowest = min(rate for rate, _, _ in rate_runs(results, name))
            w(f"| {name} | {fmt(best.get(name)) if name in best else f'below {lowest:,}'} | {r} |")
        w("")
        others = [n for n in present if n != "ours"]
        # Every rate ours ran that another server ran too (a ramp that
        # stopped early leaves that server's later cells empty).
        shared = sorted(r for r in cpu_at.get("ours", {}) if any(r in cpu_at.get(n, {}) for n in others))
        if "ours" in present and others and shared:
            w("Server CPU per message at the same rates (ratio ours / theirs; below 1 means we spend less):")
            w("")
            w("| msg/s | " + " | ".join(others) + " |")
            w("| --- | " + " | ".join("---" for _ in others) + " |")
            for rate in shared:
                cells = [ratio(cpu_at["ours"].get(rate), cpu_at[n].get(rate)) if rate in cpu_at.get(n, {}) else "–" for n in others]
                w(f"| {rate:,} | " + " | ".join(cells) + " |")
            w("")

    idle = [(n, load(os.path.join(results, f"{n}-b.json")), load(os.path.join(results, f"{n}-b-provision.json"))) for n in SERVERS]
    idle = [(n, r, p) for n, r, p in idle if r or p]
    if idle:
        size = next(((r or p or {}).get("settings", {}) for _, r, p in idle), {})
        w(f"## (b) Idle sessions: {fmt(size.get('users'))} users with {fmt(size.get('roster'))}-contact rosters")
        w("")
        w("| Server | Sessions ready / wanted | Login storm s | Logins/s | Server RSS idle MiB | RSS per session KiB | Provisioning s |")
        w("| --- | --- | --- | --- | --- | --- | --- |")
        per = {}
        continued = []
        for name, run, prov in idle:
            login = (run or {}).get("login", {})
            sessions = (run or {}).get("idle", {})
            server = sessions.get("server", {})
            per[name] = sessions.get("server_rss_kib_per_session")
            rss = server.get("rss_after_kib")
            provision = (prov or {}).get("provision", {})
            seconds = fmt(provision.get("seconds"), 0)
            # A run that finished pairs an interrupted one left: its time is only that last part.
            if 0 < provision.get("contacts_already_mutual", 0) < provision.get("contacts_wanted", 0):
                seconds += " †"
                continued.append((name, provision))
            w(f"| {name} | {fmt(login.get('ready'))} / {fmt(login.get('users'))} | {fmt(login.get('seconds'))} | "
              f"{fmt(login.get('logins_per_second'), 0)} | {fmt(rss / 1024 if rss else None, 0)} | "
              f"{fmt(per[name], 1)} | {seconds} |")
        w("")
        for name, provision in continued:
            w(f"† {name}: the last of several provisioning runs, which found "
              f"{fmt(provision.get('contacts_already_mutual'))} of {fmt(provision.get('contacts_wanted'))} "
              "mutual pairs made by the earlier ones; the time is that run's alone.")
            w("")
        if "ours" in per and len(per) > 1:
            w("RSS per idle session, ours / theirs: " + ", ".join(
                f"{n} {ratio(per['ours'], per[n])}" for n in per if n != "ours") + ".")
            w("")
        missing = [n for n in SERVERS if n not in per]
        if missing:
            w("No (b) figures yet for " + ", ".join(missing) + " (docs/PERFORMANCE.md says why).")
            w("")
    else:
        w("## (b) Idle sessions")
        w("")
        w("Not run yet at these sizes (see Commands); docs/PERFORMANCE.md has our own figures.")
        w("")

    targets(results, w)
    w("## Commands")
    w("")
    w("```sh")
    try:
        with open(os.path.join(results, "invocation")) as f:
            w(f.read().strip())
    except OSError:
        w("scripts/bench-compare.sh")
    w("```")
    w("")
    w("which ran, per server (PORT and PID vary):")
    w("")
    w("```sh")
    seen = set()
    for path in sorted(glob.glob(os.path.join(results, "*.json"))):
        c = command(path)
        if c:
            c = re.sub(r"--port \d+", "--port PORT", c)
            c = re.sub(r"--server-pid \d+", "--server-pid PID", c)
            c = re.sub(r"--key-cache \S+", "--key-cache KEYFILE", c)
            c = re.sub(r"--rate \d+ ", "--rate RATE ", c) if "-a-" in path and "provision" not in path else c
            if c not in seen:
                seen.add(c)
                w(c)
    w("```")
    w("")
    return "\n".join(out)


def targets(results, w):
    """Issue 7's targets for our server, against what this run measured."""
    runs = rate_runs(results, "ours")
    if not runs:
        return
    w("## Our server against the targets")
    w("")
    w("| Target | Measured in this run |")
    w("| --- | --- |")
    at = [(rate, r) for rate, _, r in runs if r and r.get("messaging")]
    if at:
        parts = []
        at5k = next((r for rate, r in at if rate == 5000), None)
        if at5k:
            m = at5k["messaging"]
            parts.append(f"at 5,000 msg/s {fmt(m.get('server_cpu_ms_per_message'), 3)} ms CPU per message, p99 {fmt(m['latency']['p99_ms'])} ms")
        rate, r = max(at, key=lambda x: x[0] if sustained(x[1], 50) else -1)
        m = r["messaging"]
        parts.append(f"highest rate with p99 < 50 ms: {rate:,} msg/s at {fmt(m.get('server_cpu_ms_per_message'), 3)} ms, p99 {fmt(m['latency']['p99_ms'])} ms")
        w("| ≤ 0.1 ms server CPU per message and p99 < 50 ms at 5,000 msg/s | " + "; ".join(parts) + " |")
    idle = load(os.path.join(results, "ours-b.json")) or {}
    per = idle.get("idle", {}).get("server_rss_kib_per_session")
    sessions = idle.get("idle", {}).get("sessions")
    measured = f"{fmt(per, 1)} KiB at {fmt(sessions)} sessions" if per is not None else "scenario b not run"
    w(f"| ≤ 10 KiB server RSS per idle session (18 contacts) at 19,000 sessions | {measured} |")
    logins = [((r or {}).get("login") or {}).get("logins_per_second") for _, _, r in runs]
    logins = [x for x in logins if x]
    storms = []
    b_logins = (idle.get("login") or {}).get("logins_per_second")
    if b_logins:
        storms.append(f"{fmt(b_logins, 0)} logins/s at {fmt(sessions)} users (b)")
    if logins:
        storms.append(f"best of the 1,000-user storms in (a): {fmt(max(logins), 0)} logins/s")
    w(f"| ≥ 1,000 SCRAM logins/s | {'; '.join(storms) if storms else 'no login storm measured'} |")
    w("| automation round trip < 1 ms median | `msgr bench-client` (docs/bench.md, Client side) |")
    w("")
    w("What the profiles show, and what is being done about the gaps: docs/PERFORMANCE.md.")
    w("")


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "sustained":
        sys.exit(0 if sustained(load(sys.argv[2]), float(sys.argv[3])) else 1)
    if len(sys.argv) >= 3 and sys.argv[1] == "provision":
        state = provision_state(load(sys.argv[2]))
        print(state)
        sys.exit(1 if state == "incomplete" else 0)
    if len(sys.argv) >= 3 and sys.argv[1] == "markdown":
        print(markdown(sys.argv[2]))
        return
    print(__doc__, file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    main()
