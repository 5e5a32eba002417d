#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# tests/tools/make-recording-v1.sh TCPLENS FILE: records 3 s of a private network namespace holding a
# listener on 127.0.0.1:7000 (listen(4)), one accepted connection and 1,000 bytes its server never
# read: tests/data/recording-v1.tcplens, which tst_recordingreader opens. Run only with a build whose
# recordings are format 1: the file is kept so that later formats must still read it.
#   scripts/shell unshare -n bash tests/tools/make-recording-v1.sh build/ci/app/tcplens tests/data/recording-v1.tcplens
set -euo pipefail
tcplens=$1
out=$2
ip link set lo up
python3 -c '
import socket, time
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 7000))
listener.listen(4)
client = socket.create_connection(("127.0.0.1", 7000))
server, _ = listener.accept()
client.sendall(b"x" * 1000)
time.sleep(6)' &
sleep 1
rm -f "$out"
"$tcplens" record "$out" --duration 3
wait
