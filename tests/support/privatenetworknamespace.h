// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/tracefsaccess.h"

#include <QString>

#include <expected>

namespace TcpLens::Test {

// Puts the calling process (before it starts threads) into a new network namespace with `lo` up, so a
// test sees only the sockets it makes and its traffic never leaves the namespace. Needs root, or
// unprivileged user namespaces (then the process also gets a user namespace mapping it to root).
class PrivateNetworkNamespace
{
public:
    static std::expected<void, QString> enter();
};

} // namespace TcpLens::Test

// main() for a Qt Test that watches the kernel: the namespace comes first, while the process has one
// thread, and everything the test starts later (collector threads, `ss`) inherits it.
#define TCPLENS_NETNS_TEST_MAIN(TestObject, ApplicationType)                                                           \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        if (auto entered = TcpLens::Test::PrivateNetworkNamespace::enter(); !entered) {                                \
            std::fprintf(stderr, "FAIL: %s\n", qPrintable(entered.error()));                                           \
            return 1;                                                                                                  \
        }                                                                                                              \
        ApplicationType app(argc, argv);                                                                               \
        TestObject test;                                                                                               \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }

namespace TcpLens::Test {
// Why the tests that need the kernel's tracepoint cannot run here; empty when they can. Set by
// TCPLENS_TRACEFS_NETNS_TEST_MAIN, checked by each such test so it fails saying why.
QString &kernelProblem();
} // namespace TcpLens::Test

// main() for a test that also needs tracefs (exact mode): a private mount namespace with tracefs
// mounted in it (TracefsAccess), then the private network namespace, both while the process has one
// thread. Without them the test still runs and its kernel tests fail with kernelProblem().
#define TCPLENS_TRACEFS_NETNS_TEST_MAIN(TestObject)                                                                    \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        if (auto mounted = TcpLens::TracefsAccess::ensureForThisThread(); !mounted)                                    \
            TcpLens::Test::kernelProblem() = mounted.error();                                                          \
        else if (auto entered = TcpLens::Test::PrivateNetworkNamespace::enter(); !entered)                             \
            TcpLens::Test::kernelProblem() = entered.error();                                                          \
        QCoreApplication app(argc, argv);                                                                              \
        TestObject test;                                                                                               \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
