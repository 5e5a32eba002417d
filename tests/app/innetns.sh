# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Sourced by the tests in this folder: runs the calling script again inside a private network
# namespace (root, or a user namespace mapping us to root), with lo up, so that its sockets and
# traffic stay in there.
if [ "${TCPLENS_IN_NETNS:-}" != 1 ]; then
    as_root=()
    [ "$(id -u)" = 0 ] || as_root=(--map-root-user)
    exec env TCPLENS_IN_NETNS=1 unshare --net "${as_root[@]}" -- bash "$0" "$@"
fi
ip link set lo up
