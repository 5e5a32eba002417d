#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Fills the current (private!) network namespace with a small scene of TCP sockets in many states,
# on loopback only, for screenshots: listeners with full and half-full queues, established
# connections with unread and unsent data, TIME-WAIT, FIN-WAIT-2, CLOSE-WAIT and SYN-SENT.
# Prints "ready" when the scene stands, then holds it until killed, while a small client makes one
# short request to port 5000 every 0.4 s (so the diagram and the timeline have lives to show).
# Run it inside `unshare -n`.
import socket, subprocess, sys, threading, time

subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
keep = []

def listener(addr, port, backlog, family=socket.AF_INET, defer=0):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if defer:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, defer)
    s.bind((addr, port))
    s.listen(backlog)
    keep.append(s)
    return s

def client(addr, port, family=socket.AF_INET, wait=0.05):
    c = socket.socket(family, socket.SOCK_STREAM)
    c.setblocking(False)
    try:
        c.connect((addr, port))
    except BlockingIOError:
        pass
    time.sleep(wait)
    keep.append(c)
    return c

web = listener("0.0.0.0", 8080, 128)
for i in range(3):
    c = client("127.0.0.1", 8080)
    s, _ = web.accept()
    keep.append(s)
    c.setblocking(True)
    c.send(b"GET / HTTP/1.1\r\n\r\n" * (i + 1))  # unread by the server: Recv-Q
    s.send(b"x" * 1000 * (i + 1))
# A slow backend: backlog 2, nobody accepts; the surplus clients hang in SYN-SENT.
slow = listener("127.0.0.1", 9000, 2)
for i in range(5):
    client("127.0.0.1", 9000, wait=0.1)
# A TCP_DEFER_ACCEPT listener keeps bare handshakes in its SYN queue (SYN-RECV).
deferred = listener("127.0.0.1", 7000, 16, defer=30)
for i in range(2):
    client("127.0.0.1", 7000)
# IPv6
v6 = listener("::1", 8443, 64, socket.AF_INET6)
c6 = client("::1", 8443, socket.AF_INET6)
s6, _ = v6.accept()
keep.append(s6)
# TIME-WAIT (client closes first), FIN-WAIT-2 + CLOSE-WAIT (the server never closes)
closer = listener("127.0.0.1", 6000, 8)
for i in range(3):
    c = client("127.0.0.1", 6000)
    s, _ = closer.accept()
    c.close()
    keep.remove(c)
    time.sleep(0.02)
    if i < 2:
        s.close()
    else:
        keep.append(s)
# A tiny request/response service: each connection opens, moves a few kilobytes, and closes, the
# client first (TIME-WAIT on the client's side).
service = listener("127.0.0.1", 5000, 16)

def serve():
    while True:
        s, _ = service.accept()
        s.recv(4096)
        s.sendall(b"y" * 64000)
        time.sleep(0.15)
        s.recv(1)  # the client's FIN
        s.close()

threading.Thread(target=serve, daemon=True).start()
print("ready", flush=True)
while True:
    c = socket.create_connection(("127.0.0.1", 5000))
    c.sendall(b"GET /status HTTP/1.1\r\n\r\n")
    got = 0
    while got < 64000:
        got += len(c.recv(65536))
    time.sleep(0.1)
    c.close()
    time.sleep(0.4)
