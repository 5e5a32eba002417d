// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

#include <vector>

namespace TcpLens::Bench {

// Durations of one variant over the rounds, in nanoseconds. The median is what the targets are
// judged on (robust to one round that a neighbour on a shared machine slowed down); the minimum
// shows what the code can do when nothing interferes.
class Samples
{
public:
    void add(qint64 nanoseconds) { m_values.push_back(nanoseconds); }
    bool isEmpty() const { return m_values.empty(); }
    std::size_t size() const { return m_values.size(); }
    qint64 median() const;
    qint64 minimum() const;
    qint64 maximum() const;

private:
    std::vector<qint64> m_values;
};

} // namespace TcpLens::Bench
