// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labrunner.h"

#include "collect/listenerqueuebuilder.h"
#include "lab/labclients.h"
#include "lab/lablistener.h"
#include "lab/lablogging.h"
#include "netlink/sockdiagclient.h"

#include <QCoreApplication>
#include <QMap>

#include <time.h>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr int RecheckMs = 100;

qint64 monotonicNowNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

qint64 monotonicNowMs()
{
    return monotonicNowNs() / 1'000'000;
}

bool matchesPort(const SocketRecord &socket, int port, LabExpectation::Side side)
{
    if (port == 0)
        return true;
    switch (side) {
    case LabExpectation::Side::Server:
        return socket.localPort == port;
    case LabExpectation::Side::Client:
        return socket.remotePort == port;
    case LabExpectation::Side::Any:
        break;
    }
    return socket.localPort == port || socket.remotePort == port;
}

QString number(double value)
{
    return QString::number(value, 'f', value < 10 ? 3 : 1);
}

} // namespace

LabRunner::LabRunner(LabScenario scenario, Options options, QObject *parent)
    : QObject(parent)
    , m_scenario(std::move(scenario))
    , m_options(options)
{
    if (m_scenario.requiredTools.contains(u"nft"_s) && LabPacketFilter::nftProgram().isEmpty())
        m_missingTools.append(u"nft"_s);
    m_recheck.setSingleShot(true);
    connect(&m_recheck, &QTimer::timeout, this, &LabRunner::checkPending);
}

LabRunner::~LabRunner()
{
    reset();
}

double LabRunner::seconds(double normal, double fast) const
{
    return m_options.fast && fast >= 0 ? fast : normal;
}

void LabRunner::play()
{
    if (m_finished)
        return;
    m_playing = true;
    m_stepping = false;
    Q_EMIT stateChanged(true, m_step, false);
    if (!m_running)
        runStep(m_step);
}

void LabRunner::pause()
{
    m_playing = false;
    m_stepping = false;
    Q_EMIT stateChanged(false, m_step, m_finished);
}

void LabRunner::step()
{
    if (m_finished || m_running)
        return;
    m_playing = true;
    m_stepping = true;
    Q_EMIT stateChanged(true, m_step, false);
    runStep(m_step);
}

void LabRunner::reset()
{
    ++m_generation;
    m_recheck.stop();
    m_pending.clear();
    qDeleteAll(m_clients);
    m_clients.clear();
    qDeleteAll(m_listeners);
    m_listeners.clear();
    if (auto cleared = m_filter.clear(); !cleared)
        Q_EMIT errorOccurred(cleared.error());
    m_sysctls.restore();
    m_step = 0;
    m_history = {};
    m_playing = m_stepping = m_running = m_started = m_finished = false;
    m_failed = m_skipped = 0;
    Q_EMIT stateChanged(false, 0, false);
}

void LabRunner::writeSysctl(const QString &key, const QString &value)
{
    const auto written = m_sysctls.write(key, value);
    Q_EMIT sysctlWritten(key, value, bool(written), written ? QString() : written.error());
}

void LabRunner::begin()
{
    m_started = true;
    if (!m_sockDiag) {
        auto client = SockDiagClient::open();
        if (client)
            m_sockDiag = std::make_unique<SockDiagClient>(std::move(*client));
        else
            Q_EMIT errorOccurred(u"sock_diag: "_s + client.error());
    }
    for (const auto &[key, value] : std::as_const(m_scenario.sysctls))
        writeSysctl(key, value);
    m_countersAtStart = KernelCounters::read().value_or(KernelCounters());
}

bool LabRunner::stepNeedsMissingTool(int index) const
{
    if (m_missingTools.isEmpty())
        return false;
    // From the first step that drops packets on, nothing shows what the scenario means to show.
    for (int i = 0; i <= index; ++i) {
        for (const LabAction &action : m_scenario.steps[i].actions) {
            if (action.kind == LabAction::Kind::Drop)
                return true;
        }
    }
    return false;
}

void LabRunner::runStep(int index)
{
    if (index >= m_scenario.steps.size()) {
        finish();
        return;
    }
    if (!m_started)
        begin();
    m_running = true;
    m_step = index;
    const LabStep &step = m_scenario.steps[index];
    m_countersAtStep = KernelCounters::read().value_or(KernelCounters());
    // The diagnosis's counter rates then run from the step's start.
    m_history.addCounters(monotonicNowNs(), m_countersAtStep);
    qCDebug(lcLab) << "step" << index + 1 << step.title;
    Q_EMIT stepStarted(index, step.title, step.narration, monotonicNowNs());
    for (int i = 0; i < step.actions.size(); ++i)
        perform(index, i, step.actions[i]);
    const quint64 generation = m_generation;
    QTimer::singleShot(int(seconds(step.waitSeconds, step.waitFastSeconds) * 1000), this, [this, generation] {
        if (generation == m_generation)
            checkStep();
    });
}

void LabRunner::perform(int step, int actionIndex, const LabAction &action)
{
    const auto fail = [&](const QString &message) {
        const QString text = QCoreApplication::translate("LabRunner", "step %1, action %2: %3")
                                 .arg(step + 1)
                                 .arg(actionIndex + 1)
                                 .arg(message);
        qCDebug(lcLab) << text;
        Q_EMIT errorOccurred(text);
    };
    switch (action.kind) {
    case LabAction::Kind::Sysctl:
        writeSysctl(action.key, action.value);
        return;
    case LabAction::Kind::Listen: {
        if (m_listeners.contains(action.name))
            return fail(QCoreApplication::translate("LabRunner", "there is already a listener '%1'").arg(action.name));
        auto listener = LabListener::open(action);
        if (!listener)
            return fail(listener.error());
        (*listener)->setParent(this);
        m_listeners.insert(action.name, listener->release());
        return;
    }
    case LabAction::Kind::Accept:
        if (auto *listener = m_listeners.value(action.name))
            listener->setAccepting(action.accept);
        else
            fail(QCoreApplication::translate("LabRunner", "no listener '%1'").arg(action.name));
        return;
    case LabAction::Kind::Connect: {
        if (m_clients.contains(action.name))
            return fail(
                QCoreApplication::translate("LabRunner", "there is already a client group '%1'").arg(action.name));
        auto *clients = new LabClients(action, this);
        m_clients.insert(action.name, clients);
        clients->start();
        return;
    }
    case LabAction::Kind::Send:
    case LabAction::Kind::Read:
    case LabAction::Kind::Close: {
        LabListener *listener = m_listeners.value(action.name);
        LabClients *clients = m_clients.value(action.name);
        if (!listener && !clients)
            return fail(QCoreApplication::translate("LabRunner", "no listener or client group '%1'").arg(action.name));
        if (action.kind == LabAction::Kind::Send) {
            if (listener)
                listener->send(action.bytes, action.fill);
            if (clients)
                clients->send(action.bytes, action.fill);
        } else if (action.kind == LabAction::Kind::Read) {
            if (listener)
                listener->setReading(action.read);
            if (clients)
                clients->setReading(action.read);
        } else {
            if (listener)
                listener->close(action.how);
            if (clients)
                clients->close(action.how);
        }
        return;
    }
    case LabAction::Kind::Drop:
    case LabAction::Kind::Undrop: {
        if (!m_missingTools.isEmpty())
            return;
        const auto done = action.kind == LabAction::Kind::Drop ? m_filter.add(action) : m_filter.remove(action.id);
        if (!done)
            fail(done.error());
        return;
    }
    case LabAction::Kind::Mark:
        Q_EMIT marked(action.text);
        return;
    }
}

void LabRunner::checkStep()
{
    const LabStep &step = m_scenario.steps[m_step];
    m_pending.clear();
    const qint64 now = monotonicNowMs();
    const bool skipped = stepNeedsMissingTool(m_step);
    for (int i = 0; i < step.expectations.size(); ++i) {
        const LabExpectation &e = step.expectations[i];
        if (skipped) {
            ++m_skipped;
            Q_EMIT expectationChecked(m_step, e.id, e.text,
                QCoreApplication::translate(
                    "LabRunner", "not checked: %1 is missing, without it the lab cannot drop packets")
                    .arg(m_missingTools.join(u", "_s)),
                LabVerdict::Skipped);
            continue;
        }
        m_pending.append(Pending{i, now + qint64(seconds(e.withinSeconds, e.withinFastSeconds) * 1000), false});
    }
    checkPending();
}

void LabRunner::checkPending()
{
    const LabStep &step = m_scenario.steps[m_step];
    m_dump.reset();
    for (LabClients *clients : std::as_const(m_clients))
        clients->refresh();
    const qint64 now = monotonicNowMs();
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const LabExpectation &e = step.expectations[it->index];
        const Observation seen = observe(e);
        const bool holds = seen.value && e.comparison.holds(*seen.value);
        if (holds || now >= it->deadlineMs) {
            if (!holds)
                ++m_failed;
            Q_EMIT expectationChecked(m_step, e.id, e.text, seen.text, holds ? LabVerdict::Pass : LabVerdict::Fail);
            it = m_pending.erase(it);
            continue;
        }
        if (!it->announced) {
            it->announced = true;
            Q_EMIT expectationChecked(m_step, e.id, e.text, seen.text, LabVerdict::Pending);
        }
        ++it;
    }
    m_dump.reset();
    if (!m_pending.isEmpty())
        m_recheck.start(RecheckMs);
    else
        stepDone();
}

void LabRunner::stepDone()
{
    m_running = false;
    ++m_step;
    if (m_step >= m_scenario.steps.size()) {
        finish();
        return;
    }
    if (m_stepping) {
        pause();
        return;
    }
    if (m_playing)
        runStep(m_step);
}

void LabRunner::finish()
{
    m_running = false;
    m_finished = true;
    m_playing = false;
    Q_EMIT stateChanged(false, m_step, true);
    Q_EMIT finished(m_failed == 0 && m_skipped == 0, m_failed, m_skipped);
}

const std::vector<SocketRecord> *LabRunner::dump(QString *error)
{
    if (m_dump)
        return m_dump.get();
    if (!m_sockDiag) {
        *error = u"no sock_diag socket in the lab"_s;
        return nullptr;
    }
    SockDiagClient::Options options;
    options.withMemory = false;
    options.parallel = false;
    auto result = m_sockDiag->dump(options);
    if (!result) {
        *error = result.error();
        return nullptr;
    }
    m_dump = std::make_unique<std::vector<SocketRecord>>(std::move(result->sockets));
    return m_dump.get();
}

LabRunner::Observation LabRunner::observe(const LabExpectation &e)
{
    Observation seen;
    QString error;
    switch (e.check) {
    case LabExpectation::Check::Counter: {
        const auto now = KernelCounters::read();
        if (!now)
            return {std::nullopt, now.error()};
        const QByteArray name = e.counter.toLatin1();
        const auto value = now->value(name);
        if (!value)
            return {
                std::nullopt, QCoreApplication::translate("LabRunner", "this kernel has no counter %1").arg(e.counter)};
        const KernelCounters &base = e.sinceStep ? m_countersAtStep : m_countersAtStart;
        const qint64 rise = *value - base.value(name).value_or(0);
        seen.value = double(rise);
        seen.text =
            QCoreApplication::translate("LabRunner", "%1 rose by %2 (now %3)").arg(e.counter).arg(rise).arg(*value);
        return seen;
    }
    case LabExpectation::Check::Sockets:
    case LabExpectation::Check::Timer: {
        const auto *sockets = dump(&error);
        if (!sockets)
            return {std::nullopt, error};
        int count = 0;
        double largest = -1;
        QMap<QString, int> byState; // what else is there on the port: the kernel's side of the story
        for (const SocketRecord &s : *sockets) {
            if (!matchesPort(s, e.port, e.side))
                continue;
            byState[stateName(s.displayState())] += 1;
            if (e.state && s.displayState() != *e.state)
                continue;
            ++count;
            if (s.timer != TimerKind::None)
                largest = std::max(largest, s.timerExpiresMs / 1000.0);
        }
        QStringList states;
        for (auto it = byState.cbegin(); it != byState.cend(); ++it)
            states.append(u"%1 %2"_s.arg(it.key()).arg(it.value()));
        const QString context =
            states.isEmpty() ? QCoreApplication::translate("LabRunner", "no sockets there") : states.join(u", "_s);
        if (e.check == LabExpectation::Check::Sockets) {
            seen.value = count;
            seen.text = u"%1 (%2)"_s.arg(count).arg(context);
        } else if (largest >= 0) {
            seen.value = largest;
            seen.text = QCoreApplication::translate("LabRunner", "%1 s left (%2)").arg(number(largest), context);
        } else {
            seen.text = QCoreApplication::translate("LabRunner", "no matching socket with a timer (%1)").arg(context);
        }
        return seen;
    }
    case LabExpectation::Check::Listener: {
        const auto *sockets = dump(&error);
        if (!sockets)
            return {std::nullopt, error};
        for (const ListenerQueue &queue : buildListenerQueues(*sockets)) {
            if ((*sockets)[queue.socketIndex].localPort != e.port)
                continue;
            const quint32 value = e.listenerField == LabExpectation::ListenerField::Limit ? queue.acceptQueueLimit
                : e.listenerField == LabExpectation::ListenerField::AcceptQueue           ? queue.acceptQueueLength
                                                                                          : queue.synQueueLength;
            seen.value = value;
            seen.text = QCoreApplication::translate("LabRunner", "%1 (accept queue %2 of limit %3, SYN queue %4)")
                            .arg(value)
                            .arg(queue.acceptQueueLength)
                            .arg(queue.acceptQueueLimit)
                            .arg(queue.synQueueLength);
            return seen;
        }
        return {std::nullopt, QCoreApplication::translate("LabRunner", "no listener on port %1").arg(e.port)};
    }
    case LabExpectation::Check::Connect: {
        LabClients *clients = m_clients.value(e.name);
        if (!clients)
            return {std::nullopt, QCoreApplication::translate("LabRunner", "no client group '%1' (yet)").arg(e.name)};
        int count = 0;
        QMap<QString, int> byOutcome;
        double fastest = -1;
        double slowest = -1;
        for (const LabClients::Outcome &o : clients->outcomes()) {
            byOutcome[o.outcome] += 1;
            if (o.outcome != e.outcome)
                continue;
            if (o.outcome != u"pending"_s) {
                fastest = fastest < 0 ? o.seconds : std::min(fastest, o.seconds);
                slowest = std::max(slowest, o.seconds);
            }
            if (!e.seconds || e.seconds->holds(o.seconds))
                ++count;
        }
        QStringList outcomes;
        for (auto it = byOutcome.cbegin(); it != byOutcome.cend(); ++it)
            outcomes.append(u"%1 %2"_s.arg(it.key()).arg(it.value()));
        seen.value = count;
        seen.text = u"%1 (%2)"_s.arg(count).arg(outcomes.join(u", "_s));
        if (fastest >= 0)
            seen.text += QCoreApplication::translate("LabRunner", ", %1 after %2–%3 s")
                             .arg(e.outcome, number(fastest), number(slowest));
        return seen;
    }
    case LabExpectation::Check::Problem:
        return observeProblem(e);
    case LabExpectation::Check::Sysctl: {
        const auto value = LabSysctls::read(e.key);
        if (!value)
            return {std::nullopt, value.error()};
        bool ok = false;
        const double n = value->section(u' ', 0, 0).toDouble(&ok);
        if (ok)
            seen.value = n;
        seen.text = *value;
        return seen;
    }
    }
    return seen;
}

LabRunner::Observation LabRunner::observeProblem(const LabExpectation &e)
{
    QString error;
    const auto *sockets = dump(&error);
    if (!sockets)
        return {std::nullopt, error};
    // The same reading the window's Problems view makes: a snapshot of the lab's sockets, with the
    // counters and sysctls in force, into a history that lasts the scenario.
    const qint64 nowNs = monotonicNowNs();
    SocketSnapshot::Data data;
    data.generation = ++m_snapshots;
    data.monotonicNs = nowNs;
    data.takenAt = QDateTime::currentDateTime();
    data.sockets = *sockets;
    data.listeners = buildListenerQueues(data.sockets);
    const SocketSnapshot snapshot(std::move(data));
    if (auto counters = KernelCounters::read())
        m_history.addCounters(nowNs, *counters);
    if (!m_sysctlWatcher)
        m_sysctlWatcher = std::make_unique<SysctlWatcher>();
    (void)m_sysctlWatcher->poll();
    m_history.setSysctls(m_sysctlWatcher->values());
    m_history.addSnapshot(snapshot);
    const DiagnosisReport report = m_diagnoser.diagnose(snapshot, m_history);
    Observation seen;
    QStringList found;
    for (const DiagnosisProblem &problem : report.problems)
        found.append(problem.ruleId);
    if (e.rule == "any"_L1) {
        seen.value = double(report.problems.size());
        seen.text = found.isEmpty() ? QCoreApplication::translate("LabRunner", "no problems") : found.join(u", "_s);
        return seen;
    }
    const DiagnosisProblem *problem = report.find(e.rule);
    seen.value = problem ? double(problem->cookies.size()) : 0;
    seen.text = problem
        ? QCoreApplication::translate("LabRunner", "%1 rows: %2").arg(problem->cookies.size()).arg(problem->summary)
        : QCoreApplication::translate("LabRunner", "not found (found: %1)")
              .arg(found.isEmpty() ? QCoreApplication::translate("LabRunner", "nothing") : found.join(u", "_s));
    return seen;
}

} // namespace TcpLens
