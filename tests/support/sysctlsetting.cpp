// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlsetting.h"

#include <QFile>

namespace TcpLens::Test {

using namespace Qt::StringLiterals;

SysctlSetting::SysctlSetting(const char *key, const QByteArray &value)
    : m_path(u"/proc/sys/"_s + QString::fromLatin1(key).replace(u'.', u'/'))
{
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly))
        m_old = file.readAll().trimmed();
    m_ok = !m_old.isEmpty() && write(value);
}

SysctlSetting::~SysctlSetting()
{
    if (m_ok)
        write(m_old);
}

bool SysctlSetting::write(const QByteArray &value) const
{
    QFile file(m_path);
    return file.open(QIODevice::WriteOnly) && file.write(value + '\n') == value.size() + 1;
}

} // namespace TcpLens::Test
