#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# docs/make-screenshots.sh [BUILD-DIR]: renders the documentation's screenshots with the app itself
# (`tcplens --screenshot`), watching docs/demoscene.py's sockets in a private network namespace.
# Needs root (for the namespace). From a fresh checkout: scripts/shell docs/make-screenshots.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/default}
if [ "${TCPLENS_IN_NETNS:-}" != 1 ]; then
    exec env TCPLENS_IN_NETNS=1 unshare --net -- bash "$0" "$@"
fi
fifo=$(mktemp -u)
mkfifo "$fifo"
python3 "$here/demoscene.py" >"$fifo" &
scene=$!
trap 'kill $scene 2>/dev/null || true; rm -f "$fifo"' EXIT
read -r line <"$fifo"
[ "$line" = ready ] || { echo "demo scene failed" >&2; exit 1; }
"$build/app/tcplens" --screenshot "$here/screenshots/main-window.png" --after 2.5 >/dev/null
echo "wrote $here/screenshots/main-window.png"
