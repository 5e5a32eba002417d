// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

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
