#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# servemetrics.sh TCPLENS: `tcplens serve --metrics` scraped by a real Prometheus, in a private network
# namespace. A listener on 127.0.0.1:8080 with backlog 4 never accepts and 16 clients overflow its
# accept queue. The exposition must pass `promtool check metrics`; Prometheus (scrape interval 1 s,
# listening on 127.0.0.1:9090 in the namespace) must then hold the listener's accept queue as `ss -ltn`
# shows it (Recv-Q), its limit (Send-Q), and overflows. The HTTP side answers 404, 405, 400 and 431
# where it should. Every family is described in docs/metrics.md, and every metric the shipped Grafana
# dashboard and alert rules use is in the exposition. `--netns` shows a child namespace's listener while
# its HTTP listener stays in ours. Skips (77) without prometheus, promtool or curl.
set -euo pipefail
app=$1
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
for tool in prometheus promtool curl ss python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is missing (Debian: apt install prometheus curl iproute2 python3)"
        exit 77
    fi
done
source "$(dirname "$0")/innetns.sh"
source "$(dirname "$0")/../support/scratch.sh"
fail() {
    echo "FAIL: $*"
    echo "--- tcplens serve's stderr:"; cat "$work/serve.err" 2>/dev/null || true
    echo "--- prometheus's log (last lines):"; tail -n 20 "$work/prometheus.log" 2>/dev/null || true
    exit 1
}

# The server that stops accepting, and its clients: each connect() completes or hangs in SYN-SENT.
python3 - "$work/listening" <<'PY' &
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 8080))
s.listen(4)
open(sys.argv[1], "w").close()
time.sleep(600)
PY
for _ in $(seq 50); do [ -e "$work/listening" ] && break; sleep 0.1; done
[ -e "$work/listening" ] || fail "the test's listener on 127.0.0.1:8080 did not start"
python3 - <<'PY' &
import socket, time
clients = []
for _ in range(16):
    c = socket.socket()
    c.setblocking(False)
    c.connect_ex(("127.0.0.1", 8080))
    clients.append(c)
time.sleep(600)
PY

"$app" serve --metrics 127.0.0.1:9477 --interval 20 2>"$work/serve.err" &
for _ in $(seq 100); do
    curl -sf -o /dev/null http://127.0.0.1:9477/ && break
    sleep 0.1
done
curl -sf -o /dev/null http://127.0.0.1:9477/ || fail "tcplens serve --metrics does not answer at 127.0.0.1:9477"
# The listener sampler needs a tick or two before the listener and its owner show.
sleep 1.5

# The exposition as curl gets it (Prometheus text 0.0.4) passes promtool's parser and linter.
curl -sf -D "$work/headers" http://127.0.0.1:9477/metrics >"$work/metrics.txt" || fail "GET /metrics failed"
grep -qi '^content-type: text/plain; version=0.0.4' "$work/headers" || fail "GET /metrics without Accept is not text/plain; version=0.0.4: $(cat "$work/headers")"
if ! promtool check metrics <"$work/metrics.txt" >"$work/promtool.txt" 2>&1; then
    cat "$work/promtool.txt"
    fail "promtool check metrics refuses the exposition (see above; the encoder is core/metrics/openmetricswriter.cpp, the names core/metrics/metricsscrape.cpp)"
fi
grep -q '^tcplens_listener_accept_queue{address="127.0.0.1",port="8080",process="python3"} ' "$work/metrics.txt" \
    || fail "no tcplens_listener_accept_queue for 127.0.0.1:8080 owned by python3 in: $(grep accept_queue "$work/metrics.txt")"
# Documented, and what the packaging's dashboard and alerts query exists.
undocumented=$(sed -n 's/^# TYPE \([a-z0-9_]*\) .*/\1/p' "$work/metrics.txt" | while read -r family; do
    grep -q "\`$family\`" "$source_dir/docs/metrics.md" || echo "$family"
done)
[ -z "$undocumented" ] || fail "docs/metrics.md does not describe: $undocumented"
missing=$(grep -oh 'tcplens_[a-z0-9_]*' "$source_dir/packaging/grafana/tcplens-dashboard.json" \
        "$source_dir/packaging/prometheus/tcplens-alerts.yml" | sort -u | while read -r name; do
    grep -q "^$name[{ ]" "$work/metrics.txt" || echo "$name"
done)
[ -z "$missing" ] || fail "the dashboard or the alert rules query metrics the exporter does not have: $missing"

# OpenMetrics when asked for, ending in # EOF.
curl -sf -D "$work/om-headers" -H 'Accept: application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1' \
    http://127.0.0.1:9477/metrics >"$work/metrics.om"
grep -qi '^content-type: application/openmetrics-text; version=1.0.0; charset=utf-8' "$work/om-headers" \
    || fail "an OpenMetrics Accept did not get application/openmetrics-text: $(cat "$work/om-headers")"
[ "$(tail -n 1 "$work/metrics.om")" = "# EOF" ] || fail "the OpenMetrics exposition does not end with # EOF"

# HTTP: what is not a scrape is refused clearly.
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(status http://127.0.0.1:9477/nope)" = 404 ] || fail "GET /nope is not 404"
[ "$(status -X POST http://127.0.0.1:9477/metrics)" = 405 ] || fail "POST /metrics is not 405"
[ "$(status -I http://127.0.0.1:9477/metrics)" = 200 ] || fail "HEAD /metrics is not 200"
[ "$(status -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' a)" http://127.0.0.1:9477/metrics)" = 431 ] \
    || fail "a 9000-byte header is not 431"
raw=$(python3 - <<'PY'
import socket
s = socket.create_connection(("127.0.0.1", 9477))
s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nBad\x00Header: 1\r\n\r\n")
print(s.recv(200).split(b"\r\n")[0].decode())
PY
)
[ "$raw" = "HTTP/1.1 400 Bad Request" ] || fail "a request with a NUL byte got '$raw', not 400"

# A real Prometheus scrapes it every second.
cat >"$work/prometheus.yml" <<CONF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: tcplens
    static_configs:
      - targets: ['127.0.0.1:9477']
CONF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address=127.0.0.1:9090 >"$work/prometheus.log" 2>&1 &
query() {
    curl -s --get --data-urlencode "query=$1" http://127.0.0.1:9090/api/v1/query \
        | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")' 2>/dev/null || true
}
selector='{address="127.0.0.1",port="8080",process="python3",job="tcplens"}'
queue=
for _ in $(seq 60); do
    queue=$(query "tcplens_listener_accept_queue$selector")
    [ -n "$queue" ] && break
    sleep 0.5
done
[ -n "$queue" ] || fail "Prometheus has no tcplens_listener_accept_queue$selector after 30 s (is the target up? curl http://127.0.0.1:9090/api/v1/targets)"
[ "$(query 'up{job="tcplens"}')" = 1 ] || fail "Prometheus's up{job=\"tcplens\"} is not 1"

# What ss shows for the listener: Recv-Q is the accept queue, Send-Q its limit.
read -r recvq sendq < <(ss -Hltn 'sport = :8080' | awk '{print $2, $3}')
echo "ss -ltn: Recv-Q $recvq, Send-Q $sendq; Prometheus: accept queue $queue"
[ "$queue" = "$recvq" ] || fail "Prometheus holds accept queue $queue for 127.0.0.1:8080, ss -ltn shows Recv-Q $recvq (the value comes from ListenerSamplerWorker's batch in app/servecommand.cpp)"
limit=$(query "tcplens_listener_accept_queue_limit$selector")
[ "$limit" = "$sendq" ] || fail "Prometheus holds accept queue limit $limit, ss -ltn shows Send-Q $sendq"
# Full: backlog 4 holds 5 (sk_acceptq_is_full() compares with '>').
[ "$recvq" = 5 ] || fail "the test's accept queue did not fill: Recv-Q $recvq, expected 5"

# The overflows: the namespace's counter, and the share attributed to this listener.
for _ in $(seq 20); do
    overflows=$(query 'tcplens_kernel_tcpext_listen_overflows_total{job="tcplens"}')
    attributed=$(query "tcplens_listener_overflows_total$selector")
    [ "${overflows:-0}" != 0 ] && [ "${attributed:-0}" != 0 ] && break
    sleep 0.5
done
[ "${overflows:-0}" != 0 ] || fail "tcplens_kernel_tcpext_listen_overflows_total stayed 0 while the accept queue overflowed"
[ "${attributed:-0}" != 0 ] || fail "tcplens_listener_overflows_total for 127.0.0.1:8080 stayed 0 (ListenerSeries attributes overflows to full queues)"
established=$(query 'tcplens_sockets{state="ESTAB",job="tcplens"}')
[ "${established:-0}" -ge 5 ] || fail "tcplens_sockets{state=\"ESTAB\"} is '$established', expected at least the 5 queued connections"

# --netns: another namespace's listener, served from a listener that stays in ours.
unshare -n bash -c 'ip link set lo up; exec python3 -c "
import socket, time
s = socket.socket(); s.bind((\"127.0.0.1\", 8081)); s.listen(3); time.sleep(600)"' &
inner=$!
for _ in $(seq 50); do
    [ "$(readlink /proc/$inner/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break
    sleep 0.1
done
"$app" serve --metrics=127.0.0.1:9478 --netns /proc/$inner/ns/net 2>>"$work/serve.err" &
for _ in $(seq 50); do
    curl -sf http://127.0.0.1:9478/metrics >"$work/netns.txt" \
        && grep -q 'port="8081"' "$work/netns.txt" && break
    sleep 0.2
done
grep -q '^tcplens_listener_accept_queue_limit{address="127.0.0.1",port="8081",process="python3"} 3$' "$work/netns.txt" \
    || fail "serve --netns /proc/PID/ns/net does not show that namespace's listener 127.0.0.1:8081 (limit 3): $(grep accept_queue_limit "$work/netns.txt")"
grep -q 'port="8080"' "$work/netns.txt" && fail "serve --netns still shows this namespace's listener 127.0.0.1:8080"
ss -Hltn 'sport = :9478' | grep -q . || fail "serve --netns did not keep its HTTP listener in the namespace it started in"

echo "PASS: accept queue $queue of $limit, ListenOverflows $overflows, attributed $attributed, ESTAB $established; --netns"
