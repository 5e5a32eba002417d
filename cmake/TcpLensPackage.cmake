# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# The Debian package, made by CPack from this build tree's install rules: `cpack -G DEB` in the build
# folder, or scripts/package for a release build (docs/packaging.md says why CPack and not debian/).
# The package installs under CMAKE_INSTALL_PREFIX, the prefix the helpers' paths were compiled
# with: /usr in the presets.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tcplens)
set(CPACK_PACKAGE_VENDOR "The TCP Lens authors")
set(CPACK_PACKAGE_CONTACT "The TCP Lens authors <maintainers@tcplens.org>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 0)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # tcplens_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://tcplens.org")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# A synopsis, then the extended description: CPack indents its lines and writes " ." for blank ones.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "watch the kernel's TCP connections live and die
TCP Lens shows the Linux kernel's TCP connections as they live and die:
every socket of every state, read live from the kernel's sock_diag
interface, with the queues, timers, owners and tcp_info figures that
explain what each one is waiting for.

It shows the TCP state diagram with each transition as it happens, a
connection's timeline, listener queues and the kernel's counters over
time, explains and edits TCP sysctls (through polkit), diagnoses stuck
connections and full queues, and plays lessons on the real kernel in a
network namespace of its own. Command-line tools print snapshots, events,
counters, sysctls and the diagnosis as text or JSON.")

# The libraries' packages from dpkg-shlibdeps (TcpLensPackageStaged.cmake, run by cpack on the
# staged binaries); what is started rather than linked, by hand: pkexec starts the sysctl helper; the
# lab's packet-dropping lessons run nft.
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/TcpLensPackageStaged.cmake")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "pkexec")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nftables, hicolor-icon-theme")

include(CPack)
