// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/connectionsample.h"

#include <QList>

#include <memory>

namespace TcpLens {

// The samples of a connection whose figures moved, on the heap; nothing (8 bytes) for the many whose
// figures never did, which TrackedConnection describes without a list (see samples() there). A value:
// a copy copies the samples.
class SampleHistory
{
public:
    SampleHistory() = default;
    explicit SampleHistory(const QList<ConnectionSample> &samples)
        : m_samples(samples.isEmpty() ? nullptr : std::make_unique<QList<ConnectionSample>>(samples))
    {
    }
    SampleHistory(const SampleHistory &other)
        : m_samples(other.m_samples ? std::make_unique<QList<ConnectionSample>>(*other.m_samples) : nullptr)
    {
    }
    SampleHistory(SampleHistory &&) noexcept = default;
    SampleHistory &operator=(const SampleHistory &other)
    {
        if (this != &other)
            m_samples = other.m_samples ? std::make_unique<QList<ConnectionSample>>(*other.m_samples) : nullptr;
        return *this;
    }
    SampleHistory &operator=(SampleHistory &&) noexcept = default;

    bool isEmpty() const { return !m_samples || m_samples->isEmpty(); }
    const QList<ConnectionSample> &list() const { return m_samples ? *m_samples : empty(); }
    // Appends, dropping the oldest past `limit`.
    void append(const ConnectionSample &sample, qsizetype limit)
    {
        if (!m_samples)
            m_samples = std::make_unique<QList<ConnectionSample>>();
        if (m_samples->size() >= limit && !m_samples->isEmpty())
            m_samples->removeFirst();
        m_samples->append(sample);
    }

private:
    static const QList<ConnectionSample> &empty()
    {
        static const QList<ConnectionSample> none;
        return none;
    }

    std::unique_ptr<QList<ConnectionSample>> m_samples;
};

} // namespace TcpLens
