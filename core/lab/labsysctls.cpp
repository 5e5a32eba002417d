// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labsysctls.h"

#include "lab/lablogging.h"

#include <QFile>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

QString LabSysctls::pathOf(const QString &key)
{
    QString relative = key;
    relative.replace(u'.', u'/');
    return u"/proc/sys/"_s + relative;
}

std::expected<QString, QString> LabSysctls::read(const QString &key)
{
    QFile file(pathOf(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(u"cannot read %1: %2"_s.arg(key, file.errorString()));
    return QString::fromUtf8(file.readAll()).simplified();
}

std::expected<void, QString> LabSysctls::write(const QString &key, const QString &value)
{
    const auto before = read(key);
    if (!before)
        return std::unexpected(before.error());
    QFile file(pathOf(key));
    const QByteArray bytes = value.toUtf8() + '\n';
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(bytes) != bytes.size())
        return std::unexpected(u"cannot write %1 = %2 in the lab: %3"_s.arg(key, value, file.errorString()));
    qCDebug(lcLab) << "sysctl" << key << "=" << value << "(was" << *before << ")";
    if (std::ranges::find(m_original, key, &QPair<QString, QString>::first) == m_original.end())
        m_original.append({key, *before});
    return {};
}

void LabSysctls::restore()
{
    for (auto it = m_original.crbegin(); it != m_original.crend(); ++it) {
        QFile file(pathOf(it->first));
        const QByteArray bytes = it->second.toUtf8() + '\n';
        // The lab's namespace goes with the helper; until then the next scenario would start from this.
        if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(bytes) != bytes.size())
            qCWarning(lcLab) << "cannot put back" << it->first << "=" << it->second << ":" << file.errorString();
    }
    m_original.clear();
}

} // namespace TcpLens
