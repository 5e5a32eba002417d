#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# doctornginx.sh TCPLENS OUTPUT: the issue's case of a server that stops accepting, with a real nginx
# in a private network namespace. nginx listens on 127.0.0.1:8080 with backlog 8, its one worker is
# frozen (SIGSTOP), and 20 curl clients connect. `tcplens doctor --json` must report accept-queue-full
# naming nginx's listener and process, and must not blame the network for the curl clients left in
# SYN-SENT (acked-requests only when a request raced the queue filling up; on loopback none does); `tcplens doctor`'s text goes to OUTPUT (docs/doctor-nginx.txt
# is one such run). Skips (77) without root or nginx.
set -euo pipefail
app=$1
output=$2
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: nginx's master process must start as root here (run the test as root)"
    exit 77
fi
nginx=$(command -v nginx || true)
[ -n "$nginx" ] || nginx=/usr/sbin/nginx
if [ ! -x "$nginx" ] || ! command -v curl >/dev/null; then
    echo "SKIP: nginx or curl is missing (Debian: apt install nginx curl; scripts/root-packages.txt has them)"
    exit 77
fi
source "$(dirname "$0")/innetns.sh"
work=$(mktemp -d)
cleanup() {
    [ -z "${worker:-}" ] || kill -CONT "$worker" 2>/dev/null || true
    [ -z "${master:-}" ] || kill "$master" 2>/dev/null || true
    kill $(jobs -p) 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/logs"
cat >"$work/nginx.conf" <<CONF
user root;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    server {
        listen 127.0.0.1:8080 backlog=8;
        location / { return 200 "ok\n"; }
    }
}
CONF
"$nginx" -e "$work/logs/error.log" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
master=$!
for _ in $(seq 100); do
    worker=$(pgrep -P "$master" || true)
    [ -n "$worker" ] && curl -s --max-time 2 http://127.0.0.1:8080/ >/dev/null && break
    sleep 0.1
done
[ -n "$worker" ] || { echo "FAIL: nginx did not start a worker"; cat "$work/logs/error.log"; exit 1; }
echo "nginx master $master, worker $worker: answers; freezing the worker"
# The server stops accepting: its one worker holds the listener and never calls accept() again.
kill -STOP "$worker"
for i in $(seq 20); do
    curl -s --max-time 20 -o /dev/null http://127.0.0.1:8080/ &
done
# The clients beyond the accept queue retransmit their SYNs (after 1 s); let the doctor see that.
sleep 1.5

set +e
"$app" doctor >"$output" 2>"$work/text.err"
text_status=$?
"$app" doctor --json >"$work/doctor.json" 2>"$work/json.err"
json_status=$?
set -e
cat "$output"
[ "$text_status" = 1 ] || { echo "FAIL: doctor exited $text_status, expected 1 (problems found)"; cat "$work/text.err"; exit 1; }
[ "$json_status" = 1 ] || { echo "FAIL: doctor --json exited $json_status, expected 1"; cat "$work/json.err"; exit 1; }
python3 - "$work/doctor.json" "$master" "$worker" <<'PY'
import json, sys
doc, pids = json.load(open(sys.argv[1])), {int(sys.argv[2]), int(sys.argv[3])}
problems = {p["id"]: p for p in doc["problems"]}
print("problems:", ", ".join(f'{p["id"]} ({len(p["rows"])})' for p in doc["problems"]))
full = problems.get("accept-queue-full")
assert full, "FAIL: no accept-queue-full although nginx's worker is frozen with 9 of backlog 8 waiting " \
    "(check the AcceptQueueFull condition against sk_acceptq_is_full(): length > limit)"
rows = [r for r in full["rows"] if r["local"] == "127.0.0.1:8080" and r["state"] == "LISTEN"]
assert len(rows) == 1, f"FAIL: accept-queue-full must name nginx's listener 127.0.0.1:8080, it names {full['rows']}"
assert rows[0]["process"] == "nginx" and rows[0]["pid"] in pids, \
    f"FAIL: the listener's process must be nginx (pid {sorted(pids)}), got {rows[0]['process']} {rows[0]['pid']}"
assert rows[0]["reading"], "FAIL: the listener's row carries no reading"
print(f"PASS: accept-queue-full names nginx's listener 127.0.0.1:8080, {rows[0]['process']} pid {rows[0]['pid']}")
# The clients beyond the queue wait in SYN-SENT: tcp_conn_request() drops their SYNs while the accept
# queue is full. The full queue explains them; blaming the path (syn-sent-unanswered) would be wrong.
unanswered = problems.get("syn-sent-unanswered", {"rows": []})
blamed = [r for r in unanswered["rows"] if r["remote"] == "127.0.0.1:8080"]
assert not blamed, f"FAIL: {len(blamed)} clients of nginx's full listener are reported as syn-sent-unanswered " \
    "(the path's fault); the SynSentUnanswered condition must leave SYNs to a full local listener to accept-queue-full"
print("PASS: the curl clients left in SYN-SENT are put down to the full queue, not to the network")
acked = problems.get("acked-requests")
if acked:
    assert all(r["state"] == "SYN-RECV" and r["local"] == "127.0.0.1:8080" for r in acked["rows"]), acked["rows"]
    print(f"PASS: acked-requests names {len(acked['rows'])} request sockets of nginx's listener")
else:
    print("NOTE: no acked-requests: every client's handshake either completed into the accept queue or its "
          "SYN was dropped (tcp_conn_request() drops SYNs while the accept queue is full)")
PY
grep -q "127.0.0.1:8080" "$output" || { echo "FAIL: the text form does not name nginx's listener"; exit 1; }
grep -q "nginx (pid" "$output" || { echo "FAIL: the text form does not name nginx's process"; exit 1; }
echo "PASS: the text form names nginx's listener and process (written to $output)"
