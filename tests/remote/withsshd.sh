#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# withsshd.sh TCPLENS COMMAND...: runs COMMAND with a "remote host" to watch: a real OpenSSH sshd on
# 127.0.0.1:2222 in a private network namespace, with a throw-away host key and user key, serving
# the built TCPLENS as `tcplens agent`, and a listener on 127.0.0.1:7777 made on the sshd's side.
# COMMAND finds its way there through the environment RemoteSource reads:
#   TCPLENS_SSH            ssh -F none -i KEY -o StrictHostKeyChecking=no ...
#   TCPLENS_REMOTE_AGENT   TCPLENS agent (the absolute path: the remote shell's PATH knows no build tree)
#   TCPLENS_TEST_REMOTE    root@127.0.0.1:2222
#   TCPLENS_TEST_LISTENER_PORT 7777
# Also a UTS namespace (host name web1, or TCPLENS_REMOTE_HOSTNAME) and a mount namespace of its own: sshd wants its privilege separation user (sshd) in /etc/passwd and
# /run/sshd, and the build root has neither (its /etc/passwd is the host's, its / read-only); both are
# made here for this run only. Needs root (sshd changes to the logged-in user); skips (77) without root
# or sshd.
set -euo pipefail
app=$1
shift
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: sshd must run as root here (run the test as root)"
    exit 77
fi
sshd=/usr/sbin/sshd
if [ ! -x "$sshd" ] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
    echo "SKIP: sshd, ssh or ssh-keygen is missing (Debian: apt install openssh-server openssh-client)"
    exit 77
fi
if [ "${TCPLENS_IN_SSHD_NS:-}" != 1 ]; then
    exec env TCPLENS_IN_SSHD_NS=1 unshare --net --mount --uts --propagation private -- bash "$0" "$app" "$@"
fi
ip link set lo up
# A name of its own, so that the viewer shows the agent's host name, not this machine's.
hostname "${TCPLENS_REMOTE_HOSTNAME:-web1}"
source "$(dirname "$0")/../support/scratch.sh"

# The privilege separation user and directory, in this mount namespace only.
cp /etc/passwd "$work/passwd"
grep -q '^sshd:' "$work/passwd" || echo 'sshd:x:65533:65534:sshd privilege separation:/run/sshd:/usr/sbin/nologin' >>"$work/passwd"
mount --bind "$work/passwd" /etc/passwd
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -m 0755 /run/sshd

ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
cat >"$work/sshd_config" <<CONF
ListenAddress 127.0.0.1:2222
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $work/sshd.pid
LogLevel ERROR
CONF
"$sshd" -f "$work/sshd_config" -D -e 2>"$work/sshd.log" &
export TCPLENS_SSH="ssh -F none -i $work/user_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=10"
export TCPLENS_REMOTE_AGENT="$(realpath "$app") agent"
export TCPLENS_TEST_REMOTE=root@127.0.0.1:2222
export TCPLENS_TEST_LISTENER_PORT=7777
for _ in $(seq 100); do
    # shellcheck disable=SC2086
    $TCPLENS_SSH -o BatchMode=yes -p 2222 root@127.0.0.1 true 2>/dev/null && break
    sleep 0.1
done
# shellcheck disable=SC2086
$TCPLENS_SSH -o BatchMode=yes -p 2222 root@127.0.0.1 true || { echo "FAIL: sshd does not let us in"; cat "$work/sshd.log"; exit 1; }

# The listener on the "remote" side, for the viewer to find.
python3 -c '
import socket, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 7777))
s.listen(16)
time.sleep(3600)
' &
for _ in $(seq 50); do
    ss -Hltn 'sport = :7777' | grep -q 7777 && break
    sleep 0.1
done
set +e
"$@"
status=$?
set -e
[ "$status" = 0 ] || { echo "sshd's log:"; cat "$work/sshd.log"; }
exit "$status"
