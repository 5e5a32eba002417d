// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The allocator policy, on glibc's real malloc: a snapshot-sized block freed goes back to the
// kernel, and the next one is mapped again rather than carved from a heap that then stays resident.
#include "model/allocatorpolicy.h"

#include <QTest>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define TCPLENS_OWN_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TCPLENS_OWN_MALLOC 1
#endif
#endif

using namespace TcpLens;

class TestAllocatorPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshotSizedBlocksStayMapped()
    {
#if !defined(__GLIBC__)
        QSKIP("glibc's malloc only");
#elif defined(TCPLENS_OWN_MALLOC)
        QSKIP("AddressSanitizer replaces malloc: glibc's policy does not apply");
#else
        applyAllocatorPolicy();
        constexpr std::size_t Snapshot = 29u * 1024 * 1024; // 120,000 socket records
        // Without the policy, freeing the first raises glibc's threshold past 29 MB and the second
        // comes from the heap, which keeps it resident after free().
        for (int poll = 0; poll < 3; ++poll) {
            const std::size_t heapBefore = ::mallinfo2().arena;
            const std::size_t mappedBefore = ::mallinfo2().hblkhd;
            auto *block = static_cast<char *>(std::malloc(Snapshot));
            QVERIFY(block);
            std::memset(block, 1, Snapshot);
            QVERIFY2(::mallinfo2().hblkhd >= mappedBefore + Snapshot,
                qPrintable(QStringLiteral("poll %1: a %2-byte block was not mapped on its own; "
                                          "applyAllocatorPolicy() must set M_MMAP_THRESHOLD")
                        .arg(poll)
                        .arg(Snapshot)));
            std::free(block);
            QVERIFY2(::mallinfo2().arena < heapBefore + Snapshot / 2,
                qPrintable(QStringLiteral("poll %1: the heap grew by the block").arg(poll)));
            QCOMPARE(::mallinfo2().hblkhd, mappedBefore);
        }
        // Smaller blocks stay in the heap, where they are cheap.
        const std::size_t mappedBefore = ::mallinfo2().hblkhd;
        void *small = std::malloc(OwnMappingFromBytes / 4);
        QVERIFY(small);
        QCOMPARE(::mallinfo2().hblkhd, mappedBefore);
        std::free(small);
#endif
    }

    // Threads that allocate at once share MallocArenas arenas, as malloc_info() lists them.
    void threadsShareFewArenas()
    {
#if !defined(__GLIBC__)
        QSKIP("glibc's malloc only");
#elif defined(TCPLENS_OWN_MALLOC)
        QSKIP("AddressSanitizer replaces malloc: glibc's policy does not apply");
#else
        applyAllocatorPolicy();
        std::atomic<int> ready = 0;
        std::atomic<bool> go = false;
        std::vector<std::thread> threads;
        for (int i = 0; i < 6; ++i) {
            threads.emplace_back([&] {
                ++ready;
                while (!go) { }
                std::vector<void *> blocks;
                for (int n = 0; n < 20'000; ++n)
                    blocks.push_back(std::malloc(64));
                for (void *block : blocks)
                    std::free(block);
            });
        }
        while (ready < 6) { }
        go = true;
        for (std::thread &thread : threads)
            thread.join();
        char *text = nullptr;
        std::size_t length = 0;
        FILE *out = ::open_memstream(&text, &length);
        QVERIFY(out);
        QCOMPARE(::malloc_info(0, out), 0);
        std::fclose(out);
        const QByteArray info(text, qsizetype(length));
        std::free(text);
        const qsizetype arenas = info.count("<heap nr=");
        QVERIFY2(arenas >= 1 && arenas <= MallocArenas,
            qPrintable(QStringLiteral("%1 arenas after six threads allocated at once; M_ARENA_MAX is not in force")
                    .arg(arenas)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestAllocatorPolicy)

#include "tst_allocatorpolicy.moc"
