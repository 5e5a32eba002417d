#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# debpackage.sh BUILD-DIR WORK-DIR VERSION: makes the .deb from the build tree (cpack, as
# scripts/package does from its release build) and checks it as apt and dpkg will see it:
#  - its files are exactly deb-files.txt's (so a file added or lost is a decision, not an accident),
#    the helpers executable, nothing setuid, everything root's;
#  - its control: name, version, architecture, and Depends from dpkg-shlibdeps (Qt, KF6) plus
#    pkexec;
#  - installed with dpkg into a throw-away root: the binary runs from there, finds its lab helper
#    where the package put it, and the polkit action names the sysctl helper the package installs;
#  - the packaged man page is the built one;
#  - lintian, where it is installed, finds no error and no warning (its notes are printed; docs/packaging.md
#    explains them).
set -euo pipefail
build=$1 work=$2 version=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}

rm -rf "$work"
mkdir -p "$work"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log"
    fail "cpack could not make the package"
    exit 1
}
arch=$(dpkg --print-architecture)
deb=$work/tcplens_${version}_$arch.deb
[ -f "$deb" ] || {
    ls "$work"
    fail "no $deb"
    exit 1
}
echo "PASS: cpack made $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# The files, directories left out, as dpkg-deb lists them: "-rwxr-xr-x root/root ... ./usr/bin/tcplens".
dpkg-deb --contents "$deb" >"$work/contents"
awk '$1 !~ /^d/ { print $6 }' "$work/contents" | sed 's|^\./|/|; s|/lib/[a-z0-9_]*-linux-gnu[a-z]*/|/lib/ARCH/|' |
    LC_ALL=C sort >"$work/files"
if diff -u <(grep -v "^#" "$here/deb-files.txt") "$work/files" >"$work/files.diff"; then
    echo "PASS: the package holds the $(wc -l <"$work/files") files of deb-files.txt"
else
    fail "the package's files differ from tests/packaging/deb-files.txt (- listed, + packaged):"
    sed 's/^/    /' "$work/files.diff"
fi
if awk '$2 != "root/root" { bad = 1; print "    " $0 } END { exit bad }' "$work/contents"; then
    echo "PASS: every file is root's"
else
    fail "files not owned by root/root (above)"
fi
if grep -E '^[-d]..[sS]|^[-d].....[sS]' "$work/contents"; then
    fail "setuid or setgid files (above): pkexec and polkit authorise the helper, nothing else may"
fi
for helper in /usr/bin/tcplens /usr/libexec/tcplens/tcplens-sysctl-helper /usr/libexec/tcplens/tcplens-lab \
    /usr/libexec/tcplens/tcplens-agent; do
    if grep -qE "^-rwxr-xr-x .* \.$helper\$" "$work/contents"; then
        echo "PASS: $helper is 0755"
    else
        fail "$helper is not an executable 0755 file in the package"
    fi
done

# The control file.
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = tcplens ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', the project's is $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
echo "Depends: $depends"
echo "Recommends: $(field Recommends)"
for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libkf6syntaxhighlighting6 libc6 pkexec; do
    # Debian 13 renamed some libraries for 64-bit time (libqt6core6t64).
    if grep -qE "(^|, )$package(t64)? " <<<"$depends, " || grep -qE "(^|, )$package(t64)?(,|$)" <<<"$depends"; then
        echo "PASS: Depends names $package"
    else
        fail "Depends lacks $package"
    fi
done
grep -q nftables <<<"$(field Recommends)" || fail "Recommends lacks nftables (the lab's packet-dropping lessons)"

# Installed with dpkg into an empty root: unpacks, registers, and runs from there.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
if dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless --no-triggers -i "$deb" \
    >"$work/dpkg.log" 2>&1; then
    echo "PASS: dpkg installs it into a throw-away root"
else
    cat "$work/dpkg.log"
    fail "dpkg could not install it into $root"
fi
installed=$("$root/usr/bin/tcplens" --version 2>&1 || true)
[ "$installed" = "tcplens $version" ] && echo "PASS: the installed tcplens --version: $installed" ||
    fail "the installed tcplens --version says '$installed'"
"$root/usr/libexec/tcplens/tcplens-lab" list >/dev/null || fail "the installed tcplens-lab list failed"
exec_path=$(sed -n 's|.*"org.freedesktop.policykit.exec.path">\([^<]*\)<.*|\1|p' \
    "$root/usr/share/polkit-1/actions/org.tcplens.TcpLens.policy")
[ "$exec_path" = /usr/libexec/tcplens/tcplens-sysctl-helper ] && [ -x "$root$exec_path" ] &&
    echo "PASS: the polkit action names the packaged helper $exec_path" ||
    fail "the polkit action's exec.path is '$exec_path', not the packaged sysctl helper"
# An installed tcplens finds its lab helper at the path compiled in, not beside itself: with the
# package's libexec bound where it installs (root and a mount namespace needed), `tcplens lab list`
# runs it; without, tcplens says it looked there.
lab_message=$("$root/usr/bin/tcplens" lab list 2>&1 >/dev/null || true)
if grep -q "installed as /usr/libexec/tcplens/tcplens-lab" <<<"$lab_message"; then
    echo "PASS: the installed tcplens looks for its lab helper at /usr/libexec/tcplens/tcplens-lab"
elif [ -x /usr/libexec/tcplens/tcplens-lab ]; then
    echo "SKIP: a TCP Lens is installed on this system; the installed tcplens found its helper"
else
    fail "the installed tcplens lab list says: $lab_message"
fi
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v mount >/dev/null && [ -d /usr/libexec ] &&
    unshare -m true 2>/dev/null; then
    if unshare -m bash -c 'mount --bind "$1/usr/libexec" /usr/libexec && "$1/usr/bin/tcplens" lab list' bash "$root" \
        >"$work/lab-list" 2>&1 && grep -q accept-overflow "$work/lab-list"; then
        echo "PASS: the installed tcplens lab list runs the packaged tcplens-lab"
    else
        cat "$work/lab-list"
        fail "the installed tcplens lab list did not run the packaged helper"
    fi
else
    echo "SKIP: running the installed tcplens lab list needs root, unshare and mount (Debian: mount)"
fi
if cmp -s <(gzip -dc "$root/usr/share/man/man1/tcplens.1.gz") "$build/packaging/helpdocs/tcplens.1"; then
    echo "PASS: the packaged man page is the built one"
else
    fail "the packaged man page differs from $build/packaging/helpdocs/tcplens.1"
fi
if dpkg --root="$root" --force-not-root --force-script-chrootless --no-triggers -P tcplens >>"$work/dpkg.log" 2>&1 &&
    [ -z "$(find "$root" -path "$root/var" -prune -o ! -type d -print)" ]; then
    echo "PASS: dpkg -P removes every file it installed"
else
    fail "after dpkg -P, files remain: $(find "$root" -path "$root/var" -prune -o ! -type d -print | head)"
fi

if command -v lintian >/dev/null; then
    # As root lintian wants to be told that it may run so.
    lintian --allow-root --info --display-info --fail-on error,warning "$deb" >"$work/lintian.log" 2>&1 || {
        cat "$work/lintian.log"
        fail "lintian found errors or warnings"
    }
    [ "$failed" = 1 ] || {
        sed 's/^/    /' "$work/lintian.log"
        echo "PASS: lintian finds no error and no warning"
    }
else
    echo "SKIP: lintian is not installed (Debian: lintian)"
fi
exit "$failed"
