// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <cstddef>

namespace TcpLens {

// The size from which glibc's malloc maps each allocation on its own, so that freeing it gives the
// memory back to the kernel at once.
inline constexpr std::size_t OwnMappingFromBytes = 1024 * 1024;
// The main thread's arena and one the other threads share (M_ARENA_MAX).
inline constexpr int MallocArenas = 2;

// Keeps resident memory near what is in use while snapshots come and go. Each poll allocates a few
// arrays of the whole table (120,000 socket records are 29 MB) and frees the previous ones. glibc
// maps such a block on its own, but when one is freed it raises its threshold to that block's size
// (up to 32 MB on 64-bit, DEFAULT_MMAP_THRESHOLD_MAX in malloc/malloc.c), so from the second poll on
// the arrays come from the heap, which keeps the high-water mark of two snapshots resident: 1,480
// bytes per socket in bench_gui against 960 in use. Setting the threshold turns that adjustment off
// (mallopt(3), M_MMAP_THRESHOLD).
// And at most MallocArenas arenas: glibc gives a thread that finds the arenas busy one of its own, up
// to 8 per CPU, and each keeps what its thread freed resident. The window's workers (collector,
// tracking, listener sampler, the owner lookup's readers) held 11 bytes a socket that way at 120,000
// sockets, 1.3 MB, with as short a GUI thread as before (docs/benchmarks.md).
// Call once, first thing in main(). A no-op elsewhere than glibc.
void applyAllocatorPolicy();

} // namespace TcpLens
