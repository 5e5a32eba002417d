#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# exportjson.sh TCPLENS: `tcplens record` in a private network namespace holding the scene of
# snapshotjson.sh (a listener with backlog 2, 3 unaccepted connections, 2 clients in SYN-SENT), then
# `tcplens export`: its JSON Lines must have the same schema as `snapshot --jsonl` (the same keys in
# the first line, each socket's keys those of a live socket) and the same queues; --json must parse and match
# snapshot --json's keys; events must have watch --json's keys; samples and CSV must parse; bad
# options and files must fail with a reason.
set -euo pipefail
app=$1
source "$(dirname "$0")/innetns.sh"
source "$(dirname "$0")/../support/scratch.sh"
python3 -c '
import socket, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(2)
port = s.getsockname()[1]
clients = []
for i in range(5):
    c = socket.socket()
    c.setblocking(False)
    c.connect_ex(("127.0.0.1", port))
    clients.append(c)
    time.sleep(0.1)
print(port, flush=True)
time.sleep(60)
' >"$work/port" &
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

tcplens() { env -u DISPLAY -u WAYLAND_DISPLAY "$app" "$@"; }
tcplens record "$work/rec.tcplens" --duration 3 --interval 100 2>"$work/record.err"
tcplens snapshot --jsonl >"$work/live.jsonl"
tcplens snapshot --json >"$work/live.json"
tcplens export "$work/rec.tcplens" --jsonl >"$work/export.jsonl"
tcplens export "$work/rec.tcplens" --json --to 1 >"$work/export.json"
tcplens export "$work/rec.tcplens" --jsonl --what events >"$work/events.jsonl"
tcplens export "$work/rec.tcplens" --json --what events --from 0 --to 100 >"$work/events.json"
tcplens export "$work/rec.tcplens" --jsonl --what samples >"$work/samples.jsonl"
tcplens export "$work/rec.tcplens" --csv --what samples >"$work/samples.csv"
tcplens export "$work/rec.tcplens" --csv >"$work/snapshot.csv"
python3 - "$work" "$port" <<'PY'
import csv, json, sys
work, port = sys.argv[1], int(sys.argv[2])
def lines(name):
    return [json.loads(line) for line in open(work + "/" + name)]
live, exported = lines("live.jsonl"), lines("export.jsonl")
assert exported[0]["schema"] == "tcplens.snapshot", exported[0]
assert set(exported[0]) == set(live[0]), ("first line keys differ from snapshot --jsonl", set(exported[0]) ^ set(live[0]))
assert exported[0]["socket_count"] == len(exported) - 1, "socket_count is not the number of socket lines"
# A socket's keys depend on what it is (a listener has queues, an owned socket an owner): each
# exported socket must have the keys of some socket snapshot --jsonl prints now.
live_key_sets = {frozenset(s) for s in live[1:]}
for s in exported[1:]:
    assert frozenset(s) in live_key_sets, ("socket keys snapshot --jsonl never prints", s["state"], sorted(s))
[listener] = [s for s in exported[1:] if s["local_port"] == port and s["state"] == "LISTEN"]
assert listener["accept_queue"] == 3 and listener["accept_queue_limit"] == 2, listener
whole, live_whole = json.load(open(work + "/export.json")), json.load(open(work + "/live.json"))
assert set(whole) == set(live_whole), set(whole) ^ set(live_whole)
events = lines("events.jsonl")
assert events and json.load(open(work + "/events.json")) == events, "--json events must be the --jsonl lines in an array"
for e in events:
    assert {"event", "id", "time", "monotonic_ns", "how", "cookie", "local", "remote"} <= set(e), e
assert any(e["event"] == "opened" and e["local"].endswith(":%d" % port) for e in events), "no event for the listener"
samples = lines("samples.jsonl")
assert any(s["schema"] == "tcplens.listener_sample" and s["port"] == port and s["accept_queue"] == 3 for s in samples)
assert any(s["schema"] == "tcplens.counter_sample" for s in samples), "no counter samples"
rows = list(csv.DictReader(open(work + "/samples.csv")))
assert len(rows) == len(samples), (len(rows), len(samples))
sockets = list(csv.DictReader(open(work + "/snapshot.csv")))
assert len(sockets) == exported[0]["socket_count"], "the CSV snapshot has another number of sockets"
PY
grep -q "snapshots" "$work/record.err" || { echo "FAIL: tcplens record printed no progress line"; exit 1; }

expect_failure() {
    local pattern=$1; shift
    if tcplens "$@" >"$work/out" 2>"$work/err"; then echo "FAIL: tcplens $* succeeded"; exit 1; fi
    grep -q -- "$pattern" "$work/err" || { echo "FAIL: tcplens $*: no '$pattern' in: $(cat "$work/err")"; exit 1; }
}
expect_failure "add one of" export "$work/rec.tcplens"
expect_failure "takes seconds" export "$work/rec.tcplens" --json --to yesterday
expect_failure "snapshot, events or samples" export "$work/rec.tcplens" --json --what nothing
expect_failure "is a folder" export "$work" --json
expect_failure "not even an SQLite file" export "$work/live.json" --json
echo "tcplens export: snapshot, events and samples as snapshot --jsonl and watch --json print them"
