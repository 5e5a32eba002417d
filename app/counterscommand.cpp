// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "counterscommand.h"

#include "collect/networknamespace.h"
#include "commandline.h"
#include "model/monotonicclock.h"
#include "proc/countercatalog.h"
#include "proc/countersampler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <cstdio>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QJsonObject toJson(const QByteArray &name, qint64 value, const CounterChange *change)
{
    QJsonObject object{{u"name"_s, QString::fromLatin1(name)}, {u"value"_s, double(value)}};
    if (change) {
        object.insert(u"delta"_s, double(change->delta));
        object.insert(u"per_second"_s, change->perSecond);
        object.insert(u"reset"_s, change->reset);
    }
    const CounterDescription *known = CounterCatalog::builtIn().find(name);
    object.insert(u"known"_s, known != nullptr);
    if (known) {
        object.insert(u"group"_s, known->group);
        object.insert(u"gauge"_s, known->gauge);
        object.insert(u"netstat"_s, known->netstatText);
        object.insert(u"kernel"_s, known->kernelFunction);
        object.insert(u"explanation"_s, known->explanation);
        object.insert(u"states"_s, QJsonArray::fromStringList(known->states));
        object.insert(u"sysctls"_s, QJsonArray::fromStringList(known->sysctls));
        if (!known->versionNotes.isEmpty())
            object.insert(u"versions"_s, QJsonArray::fromStringList(known->versionNotes));
    }
    return object;
}

void printText(const KernelCounters &counters, const QHash<QByteArray, CounterChange> &changes, bool all)
{
    const CounterCatalog &catalog = CounterCatalog::builtIn();
    QString group;
    for (const CounterDescription &counter : catalog.counters()) {
        const auto value = counters.value(counter.name);
        if (counter.group != group) {
            group = counter.group;
            std::printf("\n== %s\n", qPrintable(catalog.groupTitle(group)));
        }
        QString figure =
            value ? QString::number(*value) : QCoreApplication::translate("tcplens", "(not on this kernel)");
        if (const auto change = changes.constFind(counter.name); change != changes.cend() && !counter.gauge)
            figure += u"  (+%1, %2/s)"_s.arg(change->delta).arg(change->perSecond, 0, 'f', 1);
        std::printf("%-32s %s\n", counter.name.constData(), qPrintable(figure));
        if (!counter.netstatText.isEmpty())
            std::printf("    netstat -s: \"%s\"\n", qPrintable(counter.netstatText));
        std::printf("    %s\n", qPrintable(counter.explanation));
    }
    if (!all)
        return;
    std::printf("\n== %s\n", qPrintable(QCoreApplication::translate("tcplens", "Other counters (shown raw)")));
    QList<QByteArray> names = counters.values().keys();
    std::sort(names.begin(), names.end());
    for (const QByteArray &name : std::as_const(names)) {
        if (!catalog.find(name))
            std::printf("%-40s %lld\n", name.constData(), qlonglong(*counters.value(name)));
    }
}

} // namespace

int runCountersCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("tcplens", "Prints the kernel's TCP counters with what each one means."));
    parser.addHelpOption();
    const QCommandLineOption json(u"json"_s, QCoreApplication::translate("tcplens", "Print JSON."));
    const QCommandLineOption all(u"all"_s,
        QCoreApplication::translate("tcplens", "Also the counters TCP Lens does not explain (JSON always has them)."));
    const QCommandLineOption netns(u"netns"_s,
        QCoreApplication::translate(
            "tcplens", "Read this network namespace's counters: /proc/PID/ns/net, /run/netns/NAME or NAME."),
        u"PATH"_s);
    const QCommandLineOption interval(u"interval"_s,
        QCoreApplication::translate("tcplens", "Sample twice, SECONDS apart, and print the changes and rates."),
        u"SECONDS"_s);
    parser.addOptions({json, all, netns, interval});
    processArguments(parser, arguments);

    if (parser.isSet(netns)) {
        // Headless commands run on one thread: moving it is enough; /proc/thread-self/net follows.
        if (auto entered = NetworkNamespace::enter(parser.value(netns)); !entered) {
            std::fprintf(stderr, "tcplens counters: %s\n", qPrintable(entered.error()));
            return 1;
        }
    }
    double seconds = 0;
    if (parser.isSet(interval)) {
        bool ok = false;
        seconds = parser.value(interval).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600) {
            std::fputs("tcplens counters: --interval takes seconds, more than 0 and at most 3600\n", stderr);
            return 2;
        }
    }
    QStringList warnings;
    CounterSampler sampler;
    auto counters = KernelCounters::read(u"/proc/thread-self/net"_s, &warnings);
    if (!counters) {
        std::fprintf(stderr, "tcplens counters: %s\n", qPrintable(counters.error()));
        return 1;
    }
    QHash<QByteArray, CounterChange> changes;
    if (seconds > 0) {
        sampler.add(*counters, MonotonicClock::nowNs());
        QThread::msleep(static_cast<unsigned long>(seconds * 1000));
        counters = KernelCounters::read(u"/proc/thread-self/net"_s, &warnings);
        if (!counters) {
            std::fprintf(stderr, "tcplens counters: %s\n", qPrintable(counters.error()));
            return 1;
        }
        for (const CounterChange &change : sampler.add(*counters, MonotonicClock::nowNs()))
            changes.insert(change.name, change);
    }
    for (const QString &warning : std::as_const(warnings))
        std::fprintf(stderr, "tcplens counters: warning: %s\n", qPrintable(warning));

    if (!parser.isSet(json)) {
        printText(*counters, changes, parser.isSet(all));
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    QJsonArray list;
    QList<QByteArray> names = counters->values().keys();
    std::sort(names.begin(), names.end());
    for (const QByteArray &name : std::as_const(names)) {
        const auto change = changes.constFind(name);
        list.append(toJson(name, *counters->value(name), change == changes.cend() ? nullptr : &*change));
    }
    const QJsonObject root{{u"schema"_s, u"tcplens.counters"_s}, {u"schema_version"_s, 1},
        {u"netns"_s, parser.isSet(netns) ? NetworkNamespace::resolvePath(parser.value(netns)) : u"self"_s},
        {u"interval_s"_s, seconds}, {u"counters"_s, list}, {u"warnings"_s, QJsonArray::fromStringList(warnings)}};
    const QByteArray text = QJsonDocument(root).toJson(QJsonDocument::Indented);
    std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

} // namespace TcpLens
