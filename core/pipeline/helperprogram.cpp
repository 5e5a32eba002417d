// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "helperprogram.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace TcpLens {

QString findHelperProgram(QLatin1StringView name, const QString &installedPath)
{
    const QString besideUs = QCoreApplication::applicationDirPath() + u'/' + name;
    if (QFileInfo(besideUs).isExecutable())
        return besideUs;
    if (QFileInfo(installedPath).isExecutable())
        return installedPath;
    return {};
}

} // namespace TcpLens
