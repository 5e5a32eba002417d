#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# watchjson.sh TCPLENS [--exact]: `tcplens watch --json` in a private network namespace prints the
# life of a connection made while it runs (opened, transitions with polled/inferred/exact marks,
# closed) and ends cleanly on SIGINT. With --exact (root), the server's steps must all be exact.
set -euo pipefail
app=$1
mode=${2:-}
source "$(dirname "$0")/innetns.sh"
source "$(dirname "$0")/../support/scratch.sh"
"$app" watch --json --interval 50 $mode >"$work/events" 2>"$work/errors" &
watcher=$!
sleep 0.5
python3 -c '
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
c = socket.socket(); c.bind(("127.0.0.1", 0)); c.connect(s.getsockname())
a, _ = s.accept()
print(c.getsockname()[1], s.getsockname()[1], flush=True)
time.sleep(0.3)
c.shutdown(socket.SHUT_WR); time.sleep(0.3)   # half-closed: FIN_WAIT2 / CLOSE_WAIT
c.close(); time.sleep(0.3)
a.close(); time.sleep(0.3)
s.close(); time.sleep(0.3)
' >"$work/ports"
kill -INT "$watcher"
wait "$watcher" || { echo "FAIL: watch exited with $? on SIGINT"; cat "$work/errors"; exit 1; }
cat "$work/errors"
if [ "$mode" = --exact ] && ! grep -q "exact mode:" "$work/errors"; then
    echo "FAIL: exact mode did not start"
    exit 1
fi
read -r client server <"$work/ports"
python3 - "$work/events" "$client" "$server" "$mode" <<'PY'
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
client, server, mode = sys.argv[2], sys.argv[3], sys.argv[4]
def path(local, remote):
    ids = {e["id"] for e in events if e.get("local", "").endswith(":" + local) and e.get("remote", "").endswith(":" + remote)}
    if len(ids) != 1:
        for e in events:
            if e["id"] in ids: print(e)
    assert len(ids) == 1, (local, remote, ids)
    mine = [e for e in events if e["id"] in ids]
    assert mine[0]["event"] == "opened", mine
    steps = []
    for e in mine:
        if e["event"] == "transition":
            steps.append([e["from"], e["to"], e["how"]])
        elif e["event"] == "confirmed":
            # The tracepoint named a step a poll reported first: the latest such step becomes exact,
            # under the kernel's names (a request socket's NEW-SYN-RECV is the child's SYN-RECV).
            same = lambda seen, named: seen == named or (seen, named) == ("NEW-SYN-RECV", "SYN-RECV")
            match = [s for s in steps if same(s[0], e["from"]) and same(s[1], e["to"]) and s[2] != "exact"]
            assert match and e["how"] == "exact", ("confirmed without a step", e, steps)
            match[-1][:] = [e["from"], e["to"], "exact"]
        elif e["event"] == "revised":
            # The tracepoint's account replaced steps told before (a start a dump guessed wrong):
            # the first `kept` states stay, the transitions that follow say the rest.
            del steps[max(e["kept"] - 1, 0):]
    return [(to, how) for _, to, how in steps], mine
client_path, _ = path(client, server)
states = [s for s, _ in client_path]
assert states[:2] == ["SYN-SENT", "ESTAB"], states
assert "FIN-WAIT-2" in states and states[-1] == "TIME-WAIT", states
assert all(how in ("polled", "inferred", "exact") for _, how in client_path)
server_path, server_events = path(server, client)
sstates = [s for s, _ in server_path]
assert "CLOSE-WAIT" in sstates and sstates[-1] == "CLOSED", sstates
# The side as last told: a `revised` line corrects a dump's guess.
assert server_events[-1]["event"] == "closed" and server_events[-1]["side"] == "passive", server_events[-1]
if mode == "--exact":
    # The tracepoint names every step of the server's socket, late ones by a `confirmed` line. One
    # may still be missing: perf drops a sample now and then without PERF_RECORD_LOST
    # (docs/kernel-notes.md), never most of them.
    assert sum(how == "exact" for _, how in server_path) >= len(server_path) - 1, server_path
print("PASS: client", " -> ".join(f"{s}({h[0]})" for s, h in client_path))
print("PASS: server", " -> ".join(f"{s}({h[0]})" for s, h in server_path))
PY
