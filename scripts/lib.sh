# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Shared by scripts/run, scripts/test, scripts/shell and scripts/build-root. Sourced, not run.
#
# TCP Lens needs Qt >= 6.5 and Qt Charts. A host that has them builds natively. A host that lacks
# them (Debian 12, whose Qt is 6.4) builds and runs inside a Debian 13 root made with mmdebstrap,
# cached outside the checkout and entered with bubblewrap (bwrap), which mounts the host's /proc,
# /sys and /dev and the checkout in a private mount namespace of its own: nothing stays mounted when
# the command ends (see in_env).

set -euo pipefail

TCPLENS_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TCPLENS_SUITE=${TCPLENS_SUITE:-trixie}
TCPLENS_MIN_QT=6.5

say() { printf '%s\n' "tcplens: $*" >&2; }

# die WHAT-WENT-WRONG WHAT-TO-DO
die() {
    printf '%s\n' "tcplens: error: $1" >&2
    [ $# -lt 2 ] || printf '%s\n' "tcplens: what to do: $2" >&2
    exit 1
}

# Where the Debian 13 roots live. Outside the checkout, so `git clean` does not cost a rebuild.
tcplens_root_cache() {
    if [ -n "${TCPLENS_ROOT_CACHE:-}" ]; then
        printf '%s\n' "$TCPLENS_ROOT_CACHE"
    elif [ "$(id -u)" = 0 ]; then
        printf '%s\n' /var/cache/tcplens/roots
    else
        printf '%s\n' "${XDG_CACHE_HOME:-$HOME/.cache}/tcplens/roots"
    fi
}

tcplens_root_packages() {
    sed -e 's/#.*//' -e 's/[[:space:]]//g' "$TCPLENS_SOURCE_DIR/scripts/root-packages.txt" | grep -v '^$'
}

# The root's name is keyed by the suite, the architecture and the package list.
tcplens_root_dir() {
    local key
    key=$({
        printf '%s\n' "$TCPLENS_SUITE" "$(uname -m)"
        tcplens_root_packages
    } | sha256sum | cut -c1-12)
    printf '%s/debian-%s-%s\n' "$(tcplens_root_cache)" "$TCPLENS_SUITE" "$key"
}

TCPLENS_PREFIXES=""
for _p in ${CMAKE_PREFIX_PATH:-}; do TCPLENS_PREFIXES="$TCPLENS_PREFIXES ${_p//:/ }/lib/cmake"; done
unset _p

# Prints the version of the Qt 6 that CMake would find on this host, or nothing.
host_qt_version() {
    local dir file
    for dir in ${TCPLENS_PREFIXES:-} /usr/lib/*/cmake /usr/lib64/cmake /usr/lib/cmake /usr/local/lib/cmake \
        /usr/local/lib/*/cmake; do
        file="$dir/Qt6Core/Qt6CoreConfigVersion.cmake"
        if [ -f "$file" ]; then
            sed -n 's/^set(PACKAGE_VERSION "\([0-9.]*\)").*/\1/p' "$file" | head -n 1
            return 0
        fi
    done
    return 0
}

host_has_cmake_package() {
    local dir
    for dir in ${TCPLENS_PREFIXES:-} /usr/lib/*/cmake /usr/lib64/cmake /usr/lib/cmake /usr/local/lib/cmake \
        /usr/local/lib/*/cmake; do
        [ -d "$dir/$1" ] && return 0
    done
    return 1
}

version_at_least() { # version_at_least HAVE NEED
    [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

# Decides where to build: "native" or "root". TCPLENS_ENV=native|root overrides the guess.
tcplens_env() {
    if [ -n "${TCPLENS_ENV:-}" ]; then
        case "$TCPLENS_ENV" in
        native | root) printf '%s\n' "$TCPLENS_ENV" ;;
        *) die "TCPLENS_ENV is '$TCPLENS_ENV'" "set it to 'native' or 'root', or unset it to let the scripts decide" ;;
        esac
        return
    fi
    local qt
    qt=$(host_qt_version)
    if [ -n "$qt" ] && version_at_least "$qt" "$TCPLENS_MIN_QT" && host_has_cmake_package Qt6Charts &&
        command -v cmake >/dev/null && command -v ninja >/dev/null; then
        printf '%s\n' native
    else
        printf '%s\n' root
    fi
}

# The Debian mirror this host's apt is configured with (never a hard-wired host name).
host_debian_mirror() {
    [ -n "${TCPLENS_MIRROR:-}" ] && {
        printf '%s\n' "$TCPLENS_MIRROR"
        return
    }
    command -v apt-get >/dev/null || return 0
    local codename
    codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
    # The main archive is the repository whose release is the bare codename (not -security, not -updates).
    apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null | sort -u |
        awk -v c="$codename" '$2 == c { print $1; exit }'
}

need_root_privileges() {
    [ "$(id -u)" = 0 ] && return 0
    die "building in the Debian 13 root needs root privileges (mmdebstrap, and bwrap to mount the host's /proc, /sys and /dev): this host lacks Qt >= $TCPLENS_MIN_QT or Qt Charts" \
        "run the same command with sudo, or install Qt >= $TCPLENS_MIN_QT and Qt Charts (see README.md, 'Building by hand') to build natively"
}

ensure_host_tool() { # ensure_host_tool COMMAND DEBIAN-PACKAGE
    command -v "$1" >/dev/null && return 0
    command -v apt-get >/dev/null || die "'$1' is missing and this host has no apt-get" "install the package that provides '$1' ($2 on Debian) and try again"
    say "installing $2 on the host (for '$1')"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >/tmp/tcplens-apt.log 2>&1; then
        tail -n 20 /tmp/tcplens-apt.log >&2
        die "could not install $2 on the host (log: /tmp/tcplens-apt.log)" "check that apt can reach the mirror ('apt-get update'), then try again"
    fi
}

# Creates the cached Debian 13 root if it is missing. Prints nothing on a cache hit.
ensure_root() {
    need_root_privileges
    local dir cache mirror
    dir=$(tcplens_root_dir)
    [ -f "$dir/.tcplens-root-complete" ] && return 0
    cache=$(tcplens_root_cache)
    ensure_host_tool mmdebstrap mmdebstrap
    mirror=$(host_debian_mirror)
    [ -n "$mirror" ] || die "could not find a Debian mirror in this host's apt configuration" \
        "set TCPLENS_MIRROR to a Debian mirror URL (the same one your apt uses) and try again"
    mkdir -p "$cache" || die "cannot create the root cache $cache" "set TCPLENS_ROOT_CACHE to a writable folder"
    local avail_kb
    avail_kb=$(df -Pk "$cache" | awk 'NR == 2 { print $4 }')
    if [ "${avail_kb:-0}" -lt 3000000 ]; then
        die "only $((avail_kb / 1024)) MiB free under $cache; the Debian 13 root needs about 3 GiB" \
            "free some space there, or set TCPLENS_ROOT_CACHE to a folder on a disk with 3 GiB free"
    fi
    local packages
    packages=$(tcplens_root_packages | paste -sd, -)
    say "creating the Debian 13 ($TCPLENS_SUITE) build root in $dir (about 2 minutes, once)"
    rm -rf "$dir.partial"
    if ! mmdebstrap --variant=apt --include="$packages" --aptopt='Acquire::Retries "3"' \
        --customize-hook='chroot "$1" apt-get clean' \
        "$TCPLENS_SUITE" "$dir.partial" "$mirror" >"$cache/mmdebstrap.log" 2>&1; then
        tail -n 25 "$cache/mmdebstrap.log" >&2
        rm -rf "$dir.partial"
        if grep -qiE 'could not resolve|failed to fetch|connection (refused|timed out)|unable to connect' "$cache/mmdebstrap.log"; then
            die "mmdebstrap could not download from $mirror (full log: $cache/mmdebstrap.log)" \
                "check the network and the mirror ('apt-get update' on the host must work), or set TCPLENS_MIRROR"
        elif grep -qi 'no space left' "$cache/mmdebstrap.log"; then
            die "the disk under $cache filled up while creating the root" "free 3 GiB there or set TCPLENS_ROOT_CACHE"
        fi
        die "mmdebstrap failed (full log: $cache/mmdebstrap.log)" "read the log's last lines above; a changed package name in scripts/root-packages.txt is a common cause"
    fi
    touch "$dir.partial/.tcplens-root-complete"
    mv "$dir.partial" "$dir"
    # Roots made from an older package list are dead weight now.
    find "$cache" -maxdepth 1 -name "debian-$TCPLENS_SUITE-*" ! -name "$(basename "$dir")" -exec rm -rf {} + 2>/dev/null || true
    say "root ready"
}

# in_env COMMAND...: runs COMMAND natively, or inside the Debian 13 root with the checkout mounted at
# the same path. It runs as whoever called (root: tests need CLONE_NEWNET, tracefs and
# perf_event_open); TCPLENS_AS_USER=1 drops root to the user who called sudo (used to start the GUI).
#
# The root is entered with bubblewrap, not chroot. bwrap makes a private mount namespace and
# pivot_root()s into the root, so the process's root is its mount namespace's root: the kernel lets
# an ordinary user there create user and network namespaces (`unshare -Urn`), which it refuses to a
# chrooted process (current_chrooted() in create_user_ns()). Verified on this project's machines
# (Debian 12 host, bwrap 0.8.0, kernel 6.18): as uid 65534 inside the root,
#   unshare -Urn sh -c 'ip link set lo up; sysctl -w net.ipv4.tcp_fin_timeout=5;
#                       nft add table inet t; ip route add blackhole 10.9.9.0/24'
# succeeds, and as root `ctest -L kernel` and `ctest -L exact` pass.
# What the command sees:
#  - the root read-only (`--remount-ro /` comes last, after bwrap made the mount points), with a
#    tmpfs on /tmp and on /root (HOME): nothing a build or test writes lands in the cached root;
#  - the host's /dev, /proc and /sys bound read-write (tests write sysctls, mount tracefs and open
#    perf events), and no namespace of its own but the mount namespace: the sockets it sees are the
#    host's (never --unshare-net);
#  - the checkout, the caller's folder, TCPLENS_EXTRA_BINDS, the X11 socket, XAUTHORITY,
#    XDG_RUNTIME_DIR and the host's /run/netns (`--netns NAME`) read-write at their own paths;
#  - the host's /etc/passwd, /etc/group and /etc/resolv.conf read-only, and only the environment
#    variables listed below.
# bwrap started by root keeps root's capabilities and creates no user namespace. It sets
# no_new_privs, so a setuid program (sudo, pkexec) cannot raise privileges inside. The GUI drops to
# the calling user with setpriv inside the root, a real change of uid: bwrap's --uid would need a
# user namespace of its own, in which files the GUI writes would belong to the host's root.
# Every mount lives in bwrap's namespace and is gone when the command ends.
# The folders leading to a bound path, made in the root as an ordinary system makes them (0755).
# bwrap would make them 0700, and a user the command drops to (setpriv, the unprivileged lab tests)
# could then not reach the checkout: exec() of a program below /work/... fails with EACCES.
ensure_mount_point_folders() {
    local dir=$1 part
    local -a parts=()
    IFS=/ read -r -a parts <<<"${2#/}"
    for part in "${parts[@]}"; do
        [ -n "$part" ] || continue
        dir=$dir/$part
        if [ ! -e "$dir" ]; then
            mkdir -m 0755 "$dir" 2>/dev/null || return 0
        elif [ -d "$dir" ] && [ ! -L "$dir" ] && [ "$(stat -c %a "$dir")" = 700 ]; then
            # Made by an earlier bwrap: open it as mkdir would have.
            chmod 0755 "$dir" 2>/dev/null || return 0
        fi
    done
}

in_env() {
    local -a as_user=()
    if [ "${TCPLENS_AS_USER:-0}" = 1 ] && [ "$(id -u)" = 0 ] && [ -n "${SUDO_UID:-}" ] && [ "$SUDO_UID" != 0 ]; then
        as_user=(setpriv "--reuid=$SUDO_UID" "--regid=${SUDO_GID:-$SUDO_UID}" --init-groups --)
    fi
    if [ "$(tcplens_env)" = native ]; then
        if [ ${#as_user[@]} -gt 0 ]; then
            local user_home
            user_home=$(getent passwd "$SUDO_UID" | cut -d: -f6)
            "${as_user[@]}" env HOME="${user_home:-/tmp}" "$@"
        else
            "$@"
        fi
        return
    fi
    ensure_root
    ensure_host_tool bwrap bubblewrap
    local root home=/root
    root=$(tcplens_root_dir)
    [ ${#as_user[@]} -eq 0 ] || home=/tmp
    local -a args=(
        --bind "$root" /
        --dev-bind /dev /dev
        --bind /proc /proc
        --bind /sys /sys
        --perms 1777 --tmpfs /tmp
        --tmpfs /root
        --ro-bind-try /etc/passwd /etc/passwd
        --ro-bind-try /etc/group /etc/group
        --ro-bind-try /etc/resolv.conf /etc/resolv.conf
        --bind-try /run/netns /run/netns
        --clearenv
        --setenv PATH /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        --setenv HOME "$home"
        --setenv LANG C.UTF-8
        --setenv TERM "${TERM:-dumb}"
        --setenv TCPLENS_IN_ROOT 1
    )
    local var
    for var in CI DISPLAY WAYLAND_DISPLAY XDG_RUNTIME_DIR XDG_SESSION_TYPE QT_QPA_PLATFORM QT_LOGGING_RULES \
        QT_SCALE_FACTOR CTEST_PARALLEL_LEVEL CMAKE_BUILD_PARALLEL_LEVEL TCPLENS_FUZZ_SECONDS; do
        [ -n "${!var:-}" ] && args+=(--setenv "$var" "${!var}")
    done
    local -a binds=("$TCPLENS_SOURCE_DIR")
    # The caller's folder too, so that relative paths given to the app mean what the caller meant;
    # not the root's own system folders (the host's /usr bound over the root's would replace it).
    case "$PWD/" in
    "$TCPLENS_SOURCE_DIR"/* | / | /usr/* | /etc/* | /bin/* | /sbin/* | /lib*/* | /boot/* | /dev/* | /proc/* | \
        /sys/* | /var/ | /run/ | /opt/ | /tmp/ | /root/) ;;
    *) binds+=("$PWD") ;;
    esac
    local extra
    local -a extras=()
    IFS=: read -r -a extras <<<"${TCPLENS_EXTRA_BINDS:-}"
    for extra in "${extras[@]}"; do [ -n "$extra" ] && [ -d "$extra" ] && binds+=("$extra"); done
    [ -d /tmp/.X11-unix ] && binds+=(/tmp/.X11-unix)
    [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -d "$XDG_RUNTIME_DIR" ] && binds+=("$XDG_RUNTIME_DIR")
    local xauthority=""
    if [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ]; then
        xauthority=$XAUTHORITY
    elif [ -n "${SUDO_USER:-}" ] && [ -f "$(getent passwd "$SUDO_USER" | cut -d: -f6)/.Xauthority" ]; then
        xauthority="$(getent passwd "$SUDO_USER" | cut -d: -f6)/.Xauthority"
    fi
    if [ -n "$xauthority" ]; then
        binds+=("$xauthority")
        args+=(--setenv XAUTHORITY "$xauthority")
    fi
    local path
    for path in "${binds[@]}"; do
        args+=(--bind "$path" "$path")
        ensure_mount_point_folders "$root" "$path"
    done
    # bwrap creates missing mount points (empty files) in the root before this.
    args+=(--remount-ro / --chdir "$PWD" --die-with-parent)
    bwrap "${args[@]}" -- "${as_user[@]}" "$@"
}
