// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QString>

namespace TcpLens::Test {

// Sets a sysctl of the test's own namespace and puts the old value back when it goes.
class SysctlSetting
{
public:
    SysctlSetting(const char *key, const QByteArray &value);
    ~SysctlSetting();
    Q_DISABLE_COPY_MOVE(SysctlSetting)
    bool ok() const { return m_ok; }

private:
    bool write(const QByteArray &value) const;

    QString m_path;
    QByteArray m_old;
    bool m_ok = false;
};

} // namespace TcpLens::Test
