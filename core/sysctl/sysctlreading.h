// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <optional>

namespace TcpLens {

// What one key looks like in one namespace.
struct SysctlReading
{
    QString key;
    bool present = false; // the file exists there (global keys vanish outside the initial namespace)
    std::optional<QString> current; // values separated by single spaces
    std::optional<QString> kernelDefault; // learned from the running kernel, never from a table
    QString defaultNote; // how the default was learned, or why it is unknown
    bool writable = false; // whether this process may write it there
    QString error;
};

} // namespace TcpLens
