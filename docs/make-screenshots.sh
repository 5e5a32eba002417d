#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# docs/make-screenshots.sh [BUILD-DIR [OUT-DIR]]: renders the documentation's screenshots with the
# app itself (`tcplens --screenshot --view ...`), watching docs/demoscene.py's sockets in a private
# network namespace: the main window in the light and the dark palette, at 1024x700 and 1920x1080,
# and each view alone. Needs root (for the namespace). From a fresh checkout:
# scripts/shell docs/make-screenshots.sh
# OUT-DIR defaults to docs/screenshots; the test suite (docs_screenshots) renders into its build
# folder and checks what each picture shows. TCPLENS_APP names the binary instead of BUILD-DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/default}
out=${2:-$here/screenshots}
if [ "${TCPLENS_IN_NETNS:-}" != 1 ]; then
    exec env TCPLENS_IN_NETNS=1 unshare --net -- bash "$0" "$@"
fi
mkdir -p "$out"
fifo=$(mktemp -u)
mkfifo "$fifo"
python3 "$here/demoscene.py" >"$fifo" &
scene=$!
trap 'kill $scene 2>/dev/null || true; rm -f "$fifo"' EXIT
read -r line <"$fifo"
[ "$line" = ready ] || { echo "demo scene failed" >&2; exit 1; }
app=${TCPLENS_APP:-$build/app/tcplens}
listing=${TCPLENS_ROWS:-/dev/null} # the rows each picture shows, for a test to check
[ "$listing" = /dev/null ] || : >"$listing"
# Fast polls so the short requests are seen in several states; a few seconds of history first.
shot() {
    local name=$1
    shift
    # The app prints the table rows the picture shows: kept, so a test can check them.
    "$app" --interval 100 "$@" --screenshot "$out/$name.png" | sed "s/^/$name: /" >>"$listing"
    echo "wrote $out/$name.png"
}
shot main-window --theme light --after 4
shot main-window-dark --theme dark --after 4
# A small screen and a large one: every dock must stay usable at 1024x700 and use the room at 1920x1080.
shot window-1024x700 --theme light --after 4 --size 1024x700
shot window-1920x1080 --theme light --after 4 --size 1920x1080
shot diagram --view diagram --theme light --after 2.2
shot timeline --view timeline --theme light --after 3
# The Sysctls dock with net.core.somaxconn chosen (the scene's listeners overflow), an edit in its
# editor and its counters charted for a few seconds.
shot sysctls --view sysctls --theme light --after 15
shot listeners --view listeners --theme light --after 12
shot counters --view counters --theme light --after 12
# The lab: two lessons' scenarios played in namespaces of their own, each picture taken once the
# last step ran (narration, every claim with what this kernel did, the charts' step markers).
rm -f "$out/accept-overflow.tcplens"
shot lab-accept-overflow --theme light --lab accept-overflow --play --after 12 --record "$out/accept-overflow.tcplens"
# That run recorded (issue #16), replayed with no kernel involved: the playback bar's slider, the
# title and status bar saying it is a recording, the table as it was 8 s into the lesson.
shot replay-accept-overflow --theme light --after 8 "$out/accept-overflow.tcplens"
rm -f "$out/accept-overflow.tcplens"
shot lab-handshake --theme light --lab handshake-slow-motion --play --after 6
# The same in Chinese, the lessons' language (docs/translation.md): the window, the narration, the
# claims and the charts' markers.
shot lab-simultaneous-close-zh --lang zh_CN --theme light --lab simultaneous-close --play --after 12
shot main-window-zh --lang zh_CN --theme light --after 4
shot sysctls-zh --lang zh_CN --view sysctls --theme light --after 15
# The diagnosis (issue #13): a lab's problem chosen in the Problems view, the table showing its rows
# and "Why Is It Here?" reading one of them: a CLOSE-WAIT leak, a listener whose accept queue is full.
shot problems-close-wait --theme light --lab close-wait-leak --play --problem close-wait-leak --after 10
shot problems-accept-overflow --theme light --lab accept-overflow --play --problem accept-queue-full --after 12
# The sysctl.conf editor with the lessons' production file: rendered by its own test, which checks
# what it marks.
if [ -x "$build/tests/tst_sysctlconfeditor" ]; then
    TCPLENS_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=offscreen "$build/tests/tst_sysctlconfeditor" findingsAreMarkedAndListed >/dev/null
    echo "wrote $out/sysctl-lint.png"
fi
