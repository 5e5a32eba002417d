#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# snapshotjson.sh TCPLENS: `tcplens snapshot --json` in a private network namespace, with no display,
# must describe a listener with backlog 2 that holds 3 unaccepted connections while 2 more clients
# wait in SYN-SENT; `--listeners`, `--pretty` and `--jsonl` must print the same queues; a process
# whose name holds a quote, a backslash, a control character and a byte that is not UTF-8 must still
# give valid JSON (python3's json, as `python3 -m json.tool` reads it) with its name intact; a bad
# namespace must fail with a reason.
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
# PR_SET_NAME: /proc/PID/comm then holds these bytes as they are.
python3 -c '
import ctypes, socket, time
ctypes.CDLL(None).prctl(15, b"ev\"il\\\x01\xff", 0, 0, 0)
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
time.sleep(60)
' >"$work/hostileport" &
for _ in $(seq 100); do [ -s "$work/port" ] && [ -s "$work/hostileport" ] && break; sleep 0.1; done
port=$(cat "$work/port")
hostileport=$(cat "$work/hostileport")

tcplens() { env -u DISPLAY -u WAYLAND_DISPLAY "$app" "$@"; }
tcplens snapshot --json >"$work/all.json"
tcplens snapshot --json --listeners >"$work/listeners.json"
tcplens snapshot --json --pretty >"$work/pretty.json"
tcplens snapshot --jsonl >"$work/all.jsonl"
tcplens snapshot --jsonl --listeners >"$work/listeners.jsonl"
for file in all.json listeners.json pretty.json; do
    python3 -m json.tool "$work/$file" >/dev/null || { echo "FAIL: python3 -m json.tool rejects snapshot's $file"; exit 1; }
done
python3 - "$work" "$port" "$hostileport" <<'PY'
import json, sys
work, port, hostileport = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
full, listeners_only = json.load(open(work + "/all.json")), json.load(open(work + "/listeners.json"))
pretty = json.load(open(work + "/pretty.json"))
assert full["schema"] == "tcplens.snapshot" and full["schema_version"] == 1, full.get("schema")
# Compact: one line; --pretty: indented, one field a line.
assert open(work + "/all.json").read().count("\n") == 1
assert open(work + "/pretty.json").read().startswith('{\n    "schema": "tcplens.snapshot",\n')

lines = [json.loads(line) for line in open(work + "/all.jsonl")]
header, socket_lines = lines[0], lines[1:]
assert header["schema"] == "tcplens.snapshot" and "sockets" not in header and "listeners" not in header, header
assert "cookie" not in header and all("cookie" in s and "state" in s for s in socket_lines)
assert header["socket_count"] == len(socket_lines), (header["socket_count"], len(socket_lines))
listener_lines = [json.loads(line) for line in open(work + "/listeners.jsonl")][1:]
assert all(l["state"] == "LISTEN" for l in listener_lines), listener_lines

for doc in (full, listeners_only, pretty, {"listeners": socket_lines}, {"listeners": listener_lines}):
    [listener] = [l for l in doc["listeners"] if l["local_port"] == port and l["state"] == "LISTEN"]
    # backlog 2 holds 3 (sk_acceptq_is_full() compares with '>')
    assert listener["accept_queue"] == 3 and listener["accept_queue_limit"] == 2, listener
    assert listener["state"] == "LISTEN" and listener["recv_q"] == 3 and listener["send_q"] == 2, listener
    assert listener["owner"]["command"].startswith("python3"), listener
    # The name as /proc/PID/comm has it: 0xff is no UTF-8, so U+FFFD.
    [hostile] = [l for l in doc["listeners"] if l["local_port"] == hostileport]
    assert hostile["owner"]["command"] == 'ev"il\\\x01\ufffd', hostile["owner"]
assert "sockets" not in listeners_only
states = [s["state"] for s in full["sockets"] if s["remote_port"] == port]
assert states.count("SYN-SENT") == 2 and states.count("ESTAB") == 3, states
children = [s for s in full["sockets"] if s["local_port"] == port and s["state"] == "ESTAB"]
assert len(children) == 3 and all(c["owner_absent"] == "not-accepted" for c in children), children
assert all("tcp_info" in c and c["tcp_info"]["kernel_length"] > 0 for c in children)
print("PASS: snapshot --json, --pretty and --jsonl show the listener's queues (3 of limit 2) and 2 clients in SYN-SENT")
print("PASS: a process named with a quote, a backslash, \\x01 and 0xff gives valid JSON with its name")
PY
if "$app" snapshot --json --netns /run/netns/tcplens-no-such-ns >/dev/null 2>"$work/err"; then
    echo "FAIL: a missing namespace was accepted"
    exit 1
fi
grep -q "tcplens-no-such-ns" "$work/err" || { echo "FAIL: the error does not name the namespace"; cat "$work/err"; exit 1; }
echo "PASS: a missing namespace fails with: $(cat "$work/err")"
