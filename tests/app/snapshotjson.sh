#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# snapshotjson.sh TCPLENS: `tcplens snapshot --json` in a private network namespace, with no display,
# must describe a listener with backlog 2 that holds 3 unaccepted connections while 2 more clients
# wait in SYN-SENT; `--listeners` must print the same queues; a bad namespace must fail with a reason.
set -euo pipefail
app=$1
source "$(dirname "$0")/innetns.sh"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
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

env -u DISPLAY -u WAYLAND_DISPLAY "$app" snapshot --json >"$work/all.json"
env -u DISPLAY -u WAYLAND_DISPLAY "$app" snapshot --json --listeners >"$work/listeners.json"
python3 - "$work/all.json" "$work/listeners.json" "$port" <<'PY'
import json, sys
full, listeners_only, port = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
assert full["schema"] == "tcplens.snapshot" and full["schema_version"] == 1, full.get("schema")
for doc in (full, listeners_only):
    [listener] = [l for l in doc["listeners"] if l["local_port"] == port]
    # backlog 2 holds 3 (sk_acceptq_is_full() compares with '>')
    assert listener["accept_queue"] == 3 and listener["accept_queue_limit"] == 2, listener
    assert listener["state"] == "LISTEN" and listener["recv_q"] == 3 and listener["send_q"] == 2, listener
    assert listener["owner"]["command"].startswith("python3"), listener
assert "sockets" not in listeners_only
states = [s["state"] for s in full["sockets"] if s["remote_port"] == port]
assert states.count("SYN-SENT") == 2 and states.count("ESTAB") == 3, states
children = [s for s in full["sockets"] if s["local_port"] == port and s["state"] == "ESTAB"]
assert len(children) == 3 and all(c["owner_absent"] == "not-accepted" for c in children), children
assert all("tcp_info" in c and c["tcp_info"]["kernel_length"] > 0 for c in children)
print("PASS: snapshot --json shows the listener's queues (3 of limit 2) and 2 clients in SYN-SENT")
PY
if "$app" snapshot --json --netns /run/netns/tcplens-no-such-ns >/dev/null 2>"$work/err"; then
    echo "FAIL: a missing namespace was accepted"
    exit 1
fi
grep -q "tcplens-no-such-ns" "$work/err" || { echo "FAIL: the error does not name the namespace"; cat "$work/err"; exit 1; }
echo "PASS: a missing namespace fails with: $(cat "$work/err")"
