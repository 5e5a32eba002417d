#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# docs/make-remote-screenshot.sh [BUILD-DIR [OUT]]: renders docs/screenshots/remote-host.png, the
# window watching a "remote" host over ssh: tests/remote/withsshd.sh starts a real sshd (host name
# web1) in a private network namespace, docs/demoscene.py makes its sockets there, and
# `tcplens --remote root@127.0.0.1:2222` connects through ssh to the built `tcplens agent`.
# Needs root. From a fresh checkout: scripts/shell docs/make-remote-screenshot.sh build/ci
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(realpath "${1:-$here/../build/default}")
out=$(realpath -m "${2:-$here/screenshots/remote-host.png}")
app=${TCPLENS_APP:-$build/app/tcplens}
exec bash "$here/../tests/remote/withsshd.sh" "$app" bash -c '
    set -euo pipefail
    fifo=$(mktemp -u)
    mkfifo "$fifo"
    python3 "$1/demoscene.py" >"$fifo" &
    read -r line <"$fifo"
    [ "$line" = ready ] || { echo "demo scene failed" >&2; exit 1; }
    QT_QPA_PLATFORM=offscreen "$2" --remote "$TCPLENS_TEST_REMOTE" --interval 100 --theme light --after 5 \
        --size 1400x860 --screenshot "$3" >/dev/null
    echo "wrote $3"
    kill %1 2>/dev/null || true
    rm -f "$fifo"
' make-remote-screenshot "$here" "$app" "$out"
