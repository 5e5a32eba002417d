// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QString>

namespace TcpLens::Test {

// The error of a std::expected<T, QString> for QVERIFY2's message, which Qt evaluates even when the
// check passes: reading error() of an expected that holds a value would be undefined.
template<typename Expected>
QByteArray errorText(const Expected &expected)
{
    return expected.has_value() ? QByteArray() : expected.error().toLocal8Bit();
}

} // namespace TcpLens::Test
