// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/descriptorbroker.h"

#include "sysctlvalues.h"

#include "sysctl/sysctlcatalog.h"

#include <QObject>
#include <QString>

#include <optional>

class QThread;

namespace TcpLens {

// Reads every key of a catalog in a namespace on a thread of its own, and the kernel's defaults from
// a newly created namespace (SysctlReader::read()): creating a namespace waits for the kernel (RCU
// grace periods), which must not freeze the window. One read at a time; asking again while one runs
// reads once more afterwards, for the newest namespace asked for.
class SysctlValuesReader : public QObject
{
    Q_OBJECT
public:
    // `catalog` must outlive this object; it is only read, from both threads.
    explicit SysctlValuesReader(const SysctlCatalog *catalog, QObject *parent = nullptr);
    // Waits for a read in progress.
    ~SysctlValuesReader() override;

    // `netns` as the window names it (empty: TCP Lens's own namespace).
    void read(const QString &netns);
    // Reads go through `broker` from now on (a lab's namespace, which no thread of ours may enter);
    // null: by entering the namespace.
    void setBroker(std::shared_ptr<DescriptorBroker> broker) { m_broker = std::move(broker); }
    bool isReading() const { return m_thread != nullptr; }
    quint64 generation() const { return m_generation; }

    // What read() does on its thread. Blocking; public for tests.
    static SysctlValues readNow(
        const SysctlCatalog &catalog, const QString &netns, const std::shared_ptr<DescriptorBroker> &broker = {});

Q_SIGNALS:
    void valuesRead(const TcpLens::SysctlValues &values);

private:
    void start(const QString &netns);
    void finished(const SysctlValues &values);

    const SysctlCatalog *m_catalog;
    QThread *m_thread = nullptr;
    std::optional<QString> m_pending;
    std::shared_ptr<DescriptorBroker> m_broker;
    quint64 m_generation = 0;
};

} // namespace TcpLens
