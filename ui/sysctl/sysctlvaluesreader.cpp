// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlvaluesreader.h"

#include "collect/networknamespace.h"
#include "sysctl/namespacethread.h"
#include "sysctl/sysctlreader.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace TcpLens {

SysctlValuesReader::SysctlValuesReader(const SysctlCatalog *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
{
    qRegisterMetaType<TcpLens::SysctlValues>();
}

SysctlValuesReader::~SysctlValuesReader()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void SysctlValuesReader::read(const QString &netns)
{
    if (m_thread) {
        m_pending = netns;
        return;
    }
    start(netns);
}

SysctlValues SysctlValuesReader::readNow(
    const SysctlCatalog &catalog, const QString &netns, const std::shared_ptr<DescriptorBroker> &broker)
{
    SysctlValues values;
    values.netns = netns;
    QList<const SysctlEntry *> entries;
    for (const SysctlEntry &entry : catalog.entries())
        entries.append(&entry);
    const SysctlReader reader = broker ? SysctlReader(broker) : SysctlReader();
    const QString path = NetworkNamespace::resolvePath(netns);
    auto readings = reader.read(entries, path);
    if (!readings) {
        values.error = readings.error();
        return values;
    }
    values.readings = std::move(*readings);
    const auto readContexts = [&] {
        for (const SysctlEntry *entry : std::as_const(entries))
            values.contexts.insert(entry->key, reader.validationContext(catalog, *entry));
    };
    // One visit to the namespace for every key's validation context.
    if (broker)
        readContexts();
    else
        (void)NamespaceThread::run(path, readContexts);
    return values;
}

void SysctlValuesReader::start(const QString &netns)
{
    const quint64 generation = ++m_generation;
    const SysctlCatalog *catalog = m_catalog;
    m_thread = QThread::create([this, catalog, netns, generation, broker = m_broker] {
        SysctlValues values = readNow(*catalog, netns, broker);
        values.generation = generation;
        // Queued into this object's thread; dropped with this object if it is gone by then.
        QMetaObject::invokeMethod(this, [this, values] { finished(values); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(u"tcplens-sysctls"_s);
    m_thread->start();
}

void SysctlValuesReader::finished(const SysctlValues &values)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    // A read asked for meanwhile starts now; this one is shown until it comes (the window drops
    // values of a namespace it no longer watches).
    if (m_pending)
        start(*std::exchange(m_pending, std::nullopt));
    Q_EMIT valuesRead(values);
}

} // namespace TcpLens
