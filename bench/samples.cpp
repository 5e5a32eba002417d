// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "samples.h"

#include <algorithm>

namespace TcpLens::Bench {

qint64 Samples::median() const
{
    if (m_values.empty())
        return 0;
    std::vector<qint64> sorted = m_values;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t middle = sorted.size() / 2;
    return sorted.size() % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

qint64 Samples::minimum() const
{
    return m_values.empty() ? 0 : *std::min_element(m_values.begin(), m_values.end());
}

qint64 Samples::maximum() const
{
    return m_values.empty() ? 0 : *std::max_element(m_values.begin(), m_values.end());
}

} // namespace TcpLens::Bench
