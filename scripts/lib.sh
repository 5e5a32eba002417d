# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Shared by scripts/run, scripts/test, scripts/shell and scripts/build-root. Sourced, not run.
#
# TCP Lens needs Qt >= 6.5, Qt Charts and KF6 SyntaxHighlighting. A host that has them builds
# natively. A host that lacks them (Debian 12, whose Qt is 6.4 and which has no KF6) builds and runs
# inside a Debian 13 root made with mmdebstrap, cached outside the checkout and entered through
# `unshare -m` + `chroot`, so that the bind mounts vanish when the command ends.

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
        host_has_cmake_package KF6SyntaxHighlighting && command -v cmake >/dev/null && command -v ninja >/dev/null; then
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
    die "building in the Debian 13 root needs root privileges (mmdebstrap, unshare -m and chroot): this host lacks Qt >= $TCPLENS_MIN_QT, Qt Charts or KF6 SyntaxHighlighting" \
        "run the same command with sudo, or install Qt >= $TCPLENS_MIN_QT, Qt Charts and KF6 SyntaxHighlighting (see README.md, 'Building by hand') to build natively"
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
# the same path. Inside the root it runs as root (tests need CLONE_NEWNET); TCPLENS_AS_USER=1 drops to
# the user who called sudo (used to start the GUI).
in_env() {
    if [ "$(tcplens_env)" = native ]; then
        "$@"
        return
    fi
    ensure_root
    local dir
    dir=$(tcplens_root_dir)
    local -a envs=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
        "TERM=${TERM:-dumb}" TCPLENS_IN_ROOT=1)
    local var
    for var in CI DISPLAY WAYLAND_DISPLAY XDG_RUNTIME_DIR XDG_SESSION_TYPE QT_QPA_PLATFORM QT_LOGGING_RULES \
        QT_SCALE_FACTOR CTEST_PARALLEL_LEVEL CMAKE_BUILD_PARALLEL_LEVEL TCPLENS_FUZZ_SECONDS; do
        [ -n "${!var:-}" ] && envs+=("$var=${!var}")
    done
    local -a binds=("$TCPLENS_SOURCE_DIR")
    # The caller's folder too, so that relative paths given to the app mean what the caller meant.
    case "$PWD/" in "$TCPLENS_SOURCE_DIR"/*) ;; *) binds+=("$PWD") ;; esac
    local extra
    local -a extras=()
    IFS=: read -r -a extras <<<"${TCPLENS_EXTRA_BINDS:-}"
    for extra in "${extras[@]}"; do [ -n "$extra" ] && [ -d "$extra" ] && binds+=("$extra"); done
    [ -d /tmp/.X11-unix ] && binds+=(/tmp/.X11-unix)
    [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -d "$XDG_RUNTIME_DIR" ] && binds+=("$XDG_RUNTIME_DIR")
    if [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ]; then
        binds+=("$XAUTHORITY")
        envs+=("XAUTHORITY=$XAUTHORITY")
    elif [ -n "${SUDO_USER:-}" ] && [ -f "$(getent passwd "$SUDO_USER" | cut -d: -f6)/.Xauthority" ]; then
        local xa
        xa="$(getent passwd "$SUDO_USER" | cut -d: -f6)/.Xauthority"
        binds+=("$xa")
        envs+=("XAUTHORITY=$xa")
    fi
    local userspec=""
    if [ "${TCPLENS_AS_USER:-0}" = 1 ] && [ -n "${SUDO_UID:-}" ] && [ "${SUDO_UID}" != 0 ]; then
        userspec="--userspec=$SUDO_UID:$SUDO_GID"
        envs[1]="HOME=/tmp"
    fi
    # Everything below happens in a private mount namespace: when the command ends, the namespace and
    # every mount in it are gone, and nothing stays mounted on the host.
    PWD_IN_ROOT=$PWD unshare -m --propagation private -- bash -euo pipefail -c '
        root=$1; userspec=$2; shift 2
        nbinds=$1; shift
        for fs in proc sys dev; do mount --rbind "/$fs" "$root/$fs"; done
        mount -t tmpfs tmpfs "$root/tmp"
        for ((i = 0; i < nbinds; i++)); do
            src=$1; shift
            if [ -d "$src" ]; then mkdir -p "$root$src"; else mkdir -p "$root$(dirname "$src")"; touch "$root$src"; fi
            mount --bind "$src" "$root$src"
        done
        for f in /etc/passwd /etc/group /etc/resolv.conf; do [ -f "$f" ] && mount --bind -o ro "$f" "$root$f" || true; done
        nenvs=$1; shift
        envs=("${@:1:nenvs}"); shift "$nenvs"
        cd "$root" # the cwd must not keep a host path alive inside the chroot
        exec chroot $userspec "$root" /usr/bin/env -i "${envs[@]}" /bin/bash -c "cd \"\$0\" && exec \"\$@\"" "$PWD_IN_ROOT" "$@"
    ' tcplens-root "$dir" "$userspec" "${#binds[@]}" "${binds[@]}" "${#envs[@]}" "${envs[@]}" "$@" ||
        return $?
}
