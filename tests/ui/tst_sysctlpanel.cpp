// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The Sysctls dock, offscreen, in a private network namespace of its own: the test process is root
// there, so the window may write the namespace's sysctls and every write stays inside it. Kernel
// values are checked in /proc/sys, never in the widgets alone.
#include "charts/counterpanel.h"
#include "charts/listenerpanel.h"
#include "charts/timechartview.h"
#include "charts/timelinemarkermodel.h"
#include "charts/timeseriesmodel.h"
#include "diagram/statediagrampanel.h"
#include "diagram/statediagramview.h"
#include "diagram/transitionplayer.h"
#include "loopbacksockets.h"
#include "mainwindow.h"
#include "privatenetworknamespace.h"
#include "sysctl/sysctlapplier.h"
#include "sysctl/sysctlexplanationview.h"
#include "sysctl/sysctlfiledialog.h"
#include "sysctl/sysctljournalmodel.h"
#include "sysctl/sysctlpanel.h"
#include "sysctl/sysctltreemodel.h"
#include "sysctl/sysctlvalueeditor.h"
#include "sysctl/sysctlvaluesreader.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

const QString FinTimeout = u"/proc/sys/net/ipv4/tcp_fin_timeout"_s;

QString readProc(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).simplified() : QString();
}

bool writeProc(const QString &path, const QString &value)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(value.toLatin1() + '\n') > 0;
}

bool hasSysctlMarker(const TimelineMarkerModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, TimelineMarkerModel::LabelColumn);
        if (index.data().toString().startsWith(name) &&
            index.data(TimelineMarkerModel::KindRole).toInt() == int(TimelineMarker::Kind::SysctlChange))
            return true;
    }
    return false;
}

QStringList visibleKeys(const QAbstractItemModel &model)
{
    QStringList keys;
    for (int group = 0; group < model.rowCount(); ++group) {
        const QModelIndex parent = model.index(group, 0);
        for (int row = 0; row < model.rowCount(parent); ++row)
            keys.append(model.index(row, 0, parent).data(SysctlTreeModel::KeyRole).toString());
    }
    return keys;
}

// The number field of an editor, typed into the way a user types: select all, then the keys.
void typeInto(QDoubleSpinBox *spin, const QString &text)
{
    spin->selectAll();
    QTest::keyClicks(spin, text);
}

} // namespace

class TestSysctlPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_folder;
    SysctlCatalog m_catalog = SysctlCatalog::builtIn().value();

    const SysctlEntry &entry(const QString &name) const
    {
        const SysctlEntry *found = m_catalog.find(name);
        if (!found)
            qFatal("no catalog entry %s", qPrintable(name));
        return *found;
    }

    QString journalPath() const
    {
        return m_folder.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".json"_s);
    }

    // A window that polls every 100 ms with its journal in this test's folder, the Sysctls dock in
    // front and the namespace's values read.
    std::unique_ptr<MainWindow> openWindow(const QString &journal)
    {
        CollectorSettings settings;
        settings.intervalMs = 100;
        auto window = std::make_unique<MainWindow>(settings, false);
        window->sysctlPanel()->setJournalPath(journal);
        window->show();
        window->showView(MainWindow::View::Sysctls);
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        if (!QTest::qWaitFor([&] { return window->sysctlPanel()->hasValues(); }, 20'000))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A developer's settings and journal must not leak in, nor ours out.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationDomain(u"tcplens.org"_s);
        QCoreApplication::setApplicationName(u"tcplens-test"_s);
        QVERIFY(m_folder.isValid());
        QCOMPARE(readProc(FinTimeout), u"60"_s);
    }

    void cleanup()
    {
        // Every test starts from the namespace's defaults.
        writeProc(FinTimeout, u"60"_s);
    }

    void groupsFollowTheLessons_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<SysctlTreeModel::Group>("group");
        using G = SysctlTreeModel::Group;
        QTest::addRow("syn retries") << u"net.ipv4.tcp_syn_retries"_s << G::Handshake;
        QTest::addRow("somaxconn") << u"net.core.somaxconn"_s << G::Handshake;
        QTest::addRow("fast open") << u"net.ipv4.tcp_fastopen"_s << G::FastOpen;
        QTest::addRow("fin timeout") << u"net.ipv4.tcp_fin_timeout"_s << G::Close;
        QTest::addRow("tw recycle (removed)") << u"net.ipv4.tcp_tw_recycle"_s << G::Close;
        QTest::addRow("port range") << u"net.ipv4.ip_local_port_range"_s << G::Ports;
        QTest::addRow("retries2") << u"net.ipv4.tcp_retries2"_s << G::Transfer;
        QTest::addRow("congestion control") << u"net.ipv4.tcp_congestion_control"_s << G::Transfer;
        QTest::addRow("rmem") << u"net.ipv4.tcp_rmem"_s << G::Buffers;
        QTest::addRow("mem (pages)") << u"net.ipv4.tcp_mem"_s << G::Buffers;
        QTest::addRow("rmem_max") << u"net.core.rmem_max"_s << G::Buffers;
        QTest::addRow("keepalive time") << u"net.ipv4.tcp_keepalive_time"_s << G::Keepalive;
        QTest::addRow("netdev backlog") << u"net.core.netdev_max_backlog"_s << G::Operations;
    }

    void groupsFollowTheLessons()
    {
        QFETCH(QString, key);
        QFETCH(SysctlTreeModel::Group, group);
        QCOMPARE(SysctlTreeModel::groupOf(entry(key)), group);
        const SysctlTreeModel model(&m_catalog);
        const QModelIndex index = model.indexOfKey(key);
        QVERIFY(index.isValid());
        QCOMPARE(index.parent().data(SysctlTreeModel::GroupRole).toInt(), int(group));
        QCOMPARE(index.data(SysctlTreeModel::KeyRole).toString(), key);
    }

    void treeModelShowsValuesDefaultsAndChanges()
    {
        SysctlTreeModel model(&m_catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setFilterRole(SysctlTreeModel::SearchTextRole);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Every key of the catalog once.
        QStringList keys = visibleKeys(model);
        QCOMPARE(keys.size(), m_catalog.entries().size());
        keys.removeDuplicates();
        QCOMPARE(keys.size(), m_catalog.entries().size());

        QVERIFY(writeProc(FinTimeout, u"30"_s));
        model.setValues(SysctlValuesReader::readNow(m_catalog, {}));
        const QModelIndex fin = model.indexOfKey(u"tcp_fin_timeout"_s);
        QCOMPARE(fin.siblingAtColumn(SysctlTreeModel::ValueColumn).data().toString(), u"30"_s);
        QCOMPARE(fin.siblingAtColumn(SysctlTreeModel::DefaultColumn).data().toString(), u"60"_s);
        QVERIFY(fin.data(SysctlTreeModel::ChangedRole).toBool());
        QVERIFY(fin.siblingAtColumn(SysctlTreeModel::ValueColumn).data(Qt::DecorationRole).isValid());
        QCOMPARE(fin.siblingAtColumn(SysctlTreeModel::ScopeColumn).data().toString(), u"netns"_s);
        const QModelIndex syn = model.indexOfKey(u"tcp_syn_retries"_s);
        QVERIFY(!syn.data(SysctlTreeModel::ChangedRole).toBool());
        // A global key: one value for the kernel, invisible in this child namespace.
        const QModelIndex mem = model.indexOfKey(u"tcp_mem"_s);
        QVERIFY(mem.data(SysctlTreeModel::GlobalRole).toBool());
        QCOMPARE(mem.siblingAtColumn(SysctlTreeModel::ValueColumn).data().toString(), u"not here"_s);
        const QModelIndex recycle = model.indexOfKey(u"tcp_tw_recycle"_s);
        QVERIFY(recycle.data(SysctlTreeModel::RemovedRole).toBool());
        QVERIFY(recycle.siblingAtColumn(SysctlTreeModel::ValueColumn).data().toString().contains(u"4.12"_s));

        model.setWriteRoutes({{u"net.ipv4.tcp_fin_timeout"_s, {SysctlWriteRoute::Kind::Direct, u"here"_s}},
            {u"net.ipv4.tcp_mem"_s, {SysctlWriteRoute::Kind::None, u"global"_s}}});
        QCOMPARE(fin.siblingAtColumn(SysctlTreeModel::WriteColumn).data().toString(), u"yes"_s);
        QCOMPARE(mem.siblingAtColumn(SysctlTreeModel::WriteColumn).data().toString(), u"no"_s);
        QCOMPARE(mem.siblingAtColumn(SysctlTreeModel::WriteColumn).data(Qt::ToolTipRole).toString(), u"global"_s);

        // Old advice is findable: the removed key, and the key whose lore answers it.
        proxy.setFilterFixedString(u"tcp_tw_recycle"_s);
        QCOMPARE(visibleKeys(proxy), (QStringList{u"net.ipv4.tcp_tw_recycle"_s, u"net.ipv4.tcp_timestamps"_s}));
    }

    void valuesAreReadOnAThreadOfTheirOwn()
    {
        SysctlValuesReader reader(&m_catalog);
        QSignalSpy read(&reader, &SysctlValuesReader::valuesRead);
        reader.read({});
        // Nothing was read in this thread: the result can only come through the event loop.
        QVERIFY(reader.isReading());
        QCOMPARE(read.size(), 0);
        QVERIFY(read.wait(20'000));
        const auto values = read.constFirst().at(0).value<SysctlValues>();
        QCOMPARE(values.generation, 1u);
        QVERIFY(values.error.isEmpty());
        QCOMPARE(values.readings.size(), m_catalog.entries().size());
        const SysctlReading *fin = values.reading(u"net.ipv4.tcp_fin_timeout"_s);
        QVERIFY(fin);
        QCOMPARE(fin->current.value_or(QString()), u"60"_s);
        QCOMPARE(fin->kernelDefault.value_or(QString()), u"60"_s);
        QVERIFY(!values.contexts.value(u"net.ipv4.tcp_congestion_control"_s).choices.isEmpty());
    }

    void searchFindsKeysAndOldAdvice_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("selected");
        QTest::addColumn<QString>("explained");
        QTest::addRow("a removed key") << u"tcp_tw_recycle"_s << u"net.ipv4.tcp_tw_recycle"_s << u"4.12"_s;
        QTest::addRow("a word of it") << u"recycle"_s << u"net.ipv4.tcp_tw_recycle"_s
                                      << u"remove it from old sysctl.conf files"_s;
        QTest::addRow("a removed netfilter key")
            << u"conntrack"_s << u"net.ipv4.netfilter.ip_conntrack_max"_s << u"Removed"_s;
        QTest::addRow("a counter") << u"ListenOverflows"_s << u"net.ipv4.tcp_abort_on_overflow"_s
                                   << u"sk_acceptq_is_full"_s;
        QTest::addRow("a lesson") << u"keepalive"_s << u"net.ipv4.tcp_keepalive_time"_s << u"SO_KEEPALIVE"_s;
    }

    void searchFindsKeysAndOldAdvice()
    {
        QFETCH(QString, search);
        QFETCH(QString, selected);
        QFETCH(QString, explained);
        SysctlPanel panel;
        panel.resize(1200, 760);
        panel.show();
        QTest::keyClicks(panel.searchEdit(), search);
        QVERIFY(visibleKeys(*panel.filterModel()).contains(selected));
        // The first match is shown at once, with its answer.
        QCOMPARE(panel.selectedKey(), selected);
        QVERIFY2(panel.explanationView()->explanationText().contains(explained, Qt::CaseInsensitive),
            qPrintable(panel.explanationView()->explanationText()));
    }

    void journalModelListsNewestFirst()
    {
        SysctlJournal journal(journalPath());
        SysctlJournalModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJournal(&journal);
        QCOMPARE(model.rowCount(), 0);
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        QVERIFY(journal.append({u"net.ipv4.tcp_fin_timeout"_s, {}, u"60"_s, u"30"_s, t0, false, u"root"_s}));
        QVERIFY(journal.append(
            {u"net.core.somaxconn"_s, u"/run/netns/lab"_s, u"4096"_s, u"128"_s, t0.addSecs(5), false, u"alice"_s}));
        model.reload();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, SysctlJournalModel::KeyColumn).data().toString(), u"somaxconn"_s);
        QCOMPARE(model.index(0, SysctlJournalModel::NamespaceColumn).data().toString(), u"/run/netns/lab"_s);
        QCOMPARE(model.index(0, SysctlJournalModel::ByColumn).data().toString(), u"alice"_s);
        QCOMPARE(model.index(1, SysctlJournalModel::OldColumn).data().toString(), u"60"_s);
        QCOMPARE(model.index(1, SysctlJournalModel::NewColumn).data().toString(), u"30"_s);
        QCOMPARE(model.index(1, 0).data(SysctlJournalModel::JournalIndexRole).toLongLong(), 0);
        QCOMPARE(model.rowOfChange(0), 1);
        QVERIFY(journal.markReverted(0));
        model.reload();
        QVERIFY(model.index(1, 0).data(SysctlJournalModel::RevertedRole).toBool());
        QCOMPARE(model.index(1, SysctlJournalModel::StateColumn).data().toString(), u"reverted"_s);
        QCOMPARE(model.index(0, SysctlJournalModel::StateColumn).data().toString(), u"in force"_s);
    }

    void editorsFitTheType_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<SysctlValueEditor::Form>("form");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        using F = SysctlValueEditor::Form;
        QTest::addRow("seconds") << u"tcp_fin_timeout"_s << F::Number << u"60"_s << u"sysctlNumber0"_s;
        QTest::addRow("bytes") << u"tcp_notsent_lowat"_s << F::Number << u"4294967295"_s << u"sysctlNumber0"_s;
        QTest::addRow("boolean") << u"tcp_abort_on_overflow"_s << F::Flag << u"1"_s << u"sysctlFlag"_s;
        QTest::addRow("enum") << u"tcp_syncookies"_s << F::Enumeration << u"2"_s << u"sysctlEnum"_s;
        QTest::addRow("bitmask") << u"tcp_fastopen"_s << F::Bits << u"1027"_s << u"sysctlBit0x400"_s;
        QTest::addRow("triple") << u"tcp_rmem"_s << F::Triple << u"4096 131072 6291456"_s << u"sysctlNumber2"_s;
        QTest::addRow("port range") << u"ip_local_port_range"_s << F::Range << u"32768 60999"_s << u"sysctlNumber1"_s;
        QTest::addRow("choice") << u"tcp_congestion_control"_s << F::Choice << u"cubic"_s << u"sysctlChoice"_s;
        QTest::addRow("list") << u"tcp_allowed_congestion_control"_s << F::Names << u"reno cubic"_s
                              << u"sysctlName_cubic"_s;
        QTest::addRow("removed") << u"tcp_tw_recycle"_s << F::None << QString() << QString();
    }

    void editorsFitTheType()
    {
        QFETCH(QString, key);
        QFETCH(SysctlValueEditor::Form, form);
        QFETCH(QString, value);
        QFETCH(QString, field);
        SysctlValueEditor editor;
        SysctlValidator::Context context;
        context.choices = {u"reno"_s, u"cubic"_s, u"bbr"_s};
        editor.setEntry(&entry(key), value, context);
        QCOMPARE(editor.form(), form);
        QCOMPARE(editor.text(), value);
        QVERIFY(!editor.isEdited());
        if (form == SysctlValueEditor::Form::None) {
            QVERIFY(!editor.validation().isAccepted());
            QVERIFY(editor.message().contains(u"Removed in Linux 4.12"_s));
            return;
        }
        QVERIFY2(editor.validation().isAccepted(), qPrintable(editor.validation().error));
        QVERIFY2(editor.findChild<QWidget *>(field), qPrintable(field));
    }

    void fieldsEditAsTheirTypeSays()
    {
        SysctlValueEditor editor;
        QSignalSpy edited(&editor, &SysctlValueEditor::edited);

        // A bit is a check box: the number follows, bits the catalog does not know stay as they were.
        editor.setEntry(&entry(u"tcp_fastopen"_s), u"1"_s, {});
        editor.findChild<QCheckBox *>(u"sysctlBit0x2"_s)->click();
        QCOMPARE(editor.text(), u"3"_s);
        QVERIFY(editor.isEdited());
        QCOMPARE(edited.size(), 1);

        // An enum offers each value with its meaning.
        editor.setEntry(&entry(u"tcp_syncookies"_s), u"1"_s, {});
        auto *combo = editor.findChild<QComboBox *>(u"sysctlEnum"_s);
        QCOMPARE(combo->count(), 3);
        QVERIFY(combo->itemText(2).startsWith(u"2 — "_s));
        combo->setCurrentIndex(0);
        QCOMPARE(editor.text(), u"0"_s);

        // Linked triple: the field set last wins, its neighbours make room when the user leaves it.
        editor.setEntry(&entry(u"tcp_rmem"_s), u"4096 131072 6291456"_s, {});
        auto *min = editor.findChild<QDoubleSpinBox *>(u"sysctlNumber0"_s);
        typeInto(min, u"200000"_s);
        QCOMPARE(editor.text(), u"200000 131072 6291456"_s);
        QVERIFY(!editor.validation().isAccepted()); // while typing, the validator says why
        QVERIFY(editor.validation().error.contains(u"min <= default <= max"_s));
        QVERIFY(editor.message().contains(u"makes no sense"_s));
        Q_EMIT min->editingFinished();
        QCOMPARE(editor.text(), u"200000 200000 6291456"_s);
        QVERIFY(editor.validation().isAccepted());

        // A port range the same way.
        editor.setEntry(&entry(u"ip_local_port_range"_s), u"32768 60999"_s, {});
        auto *last = editor.findChild<QDoubleSpinBox *>(u"sysctlNumber1"_s);
        typeInto(last, u"30000"_s);
        Q_EMIT last->editingFinished();
        QCOMPARE(editor.text(), u"30000 30000"_s);
    }

    void validationExplainsAsTheUserTypes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("reason");
        QTest::addRow("zero lifetime") << u"tcp_fin_timeout"_s << u"0"_s << false << u"makes no sense"_s;
        QTest::addRow("negative lifetime") << u"tcp_fin_timeout"_s << u"-5"_s << false << u"makes no sense"_s;
        QTest::addRow("short lifetime") << u"tcp_fin_timeout"_s << u"5"_s << true << u"Under 10 s"_s;
        QTest::addRow("sane lifetime") << u"tcp_fin_timeout"_s << u"30"_s << true << u"after Apply"_s;
        QTest::addRow("zero backlog") << u"somaxconn"_s << u"0"_s << true << u"single connection"_s;
        QTest::addRow("too many syn retries") << u"tcp_syn_retries"_s << u"20"_s << true << u"22 minutes"_s;
    }

    void validationExplainsAsTheUserTypes()
    {
        QFETCH(QString, key);
        QFETCH(QString, typed);
        QFETCH(bool, accepted);
        QFETCH(QString, reason);
        SysctlValueEditor editor;
        editor.setEntry(&entry(key), readProc(u"/proc/sys/"_s + entry(key).relativePath()), {});
        editor.show();
        typeInto(editor.findChild<QDoubleSpinBox *>(u"sysctlNumber0"_s), typed);
        QCOMPARE(editor.text(), typed);
        QCOMPARE(editor.validation().isAccepted(), accepted);
        QVERIFY2(editor.message().contains(reason), qPrintable(editor.message()));
        QVERIFY(editor.findChild<QLabel *>(u"sysctlValidation"_s)->isVisible());
    }

    void applyRevertAndMarkInThePrivateNamespace()
    {
        auto window = openWindow(journalPath());
        QVERIFY(window);
        SysctlPanel *panel = window->sysctlPanel();
        QVERIFY(panel->selectKey(u"tcp_fin_timeout"_s));
        auto *spin = panel->editor()->findChild<QDoubleSpinBox *>(u"sysctlNumber0"_s);
        QVERIFY(spin);
        QCOMPARE(spin->value(), 60.0);

        // Invalid: the reason shows and nothing can apply it, by button or by call.
        typeInto(spin, u"0"_s);
        QVERIFY(!panel->applyButton()->isEnabled());
        QVERIFY(panel->editor()->message().contains(u"makes no sense"_s));
        QVERIFY(!panel->applyEdit());
        QVERIFY(panel->statusText().contains(u"Not applied"_s));
        QTest::qWait(200);
        QCOMPARE(readProc(FinTimeout), u"60"_s);
        QCOMPARE(panel->journal().changes().size(), 0);

        // Valid: Apply writes the kernel's value, journals it and marks every chart.
        typeInto(spin, u"25"_s);
        QVERIFY(panel->applyButton()->isEnabled());
        QTest::mouseClick(panel->applyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(readProc(FinTimeout), u"25"_s, 5000);
        QTRY_COMPARE(panel->journal().changes().size(), 1);
        const SysctlChange change = panel->journal().changes().constFirst();
        QCOMPARE(change.key, u"net.ipv4.tcp_fin_timeout"_s);
        QCOMPARE(change.oldValue, u"60"_s);
        QCOMPARE(change.newValue, u"25"_s);
        QCOMPARE(change.by, SysctlApplier::userName());
        QVERIFY(change.netns.isEmpty());
        QVERIFY(!change.reverted);
        QCOMPARE(panel->journalModel()->rowCount(), 1);
        QTRY_VERIFY(hasSysctlMarker(*window->counterPanel()->markerModel(), u"tcp_fin_timeout 60 → 25"_s));
        QTRY_VERIFY(hasSysctlMarker(*window->listenerPanel()->markerModel(), u"tcp_fin_timeout 60 → 25"_s));
        QTRY_VERIFY(hasSysctlMarker(*panel->markerModel(), u"tcp_fin_timeout 60 → 25"_s));
        // The tree shows the new value as a change from the default.
        const QModelIndex fin = panel->treeModel()->indexOfKey(u"tcp_fin_timeout"_s);
        QTRY_VERIFY(fin.data(SysctlTreeModel::ChangedRole).toBool());
        QVERIFY(!panel->editor()->isEdited());
        QVERIFY(!panel->applyButton()->isEnabled());

        // Revert restores the kernel's value and keeps the change, marked reverted.
        panel->journalView()->selectRow(0);
        auto *revert = panel->findChild<QPushButton *>(u"sysctlRevert"_s);
        QTRY_VERIFY(revert->isEnabled()); // once the write queue ran empty
        QTest::mouseClick(revert, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(readProc(FinTimeout), u"60"_s, 5000);
        QTRY_VERIFY(panel->journal().changes().constFirst().reverted);
        QVERIFY(panel->journal().hostChangesInForce().isEmpty());
        QTRY_VERIFY(hasSysctlMarker(*window->counterPanel()->markerModel(), u"tcp_fin_timeout 25 → 60"_s));
        QTRY_VERIFY(!fin.data(SysctlTreeModel::ChangedRole).toBool());
    }

    void journalSurvivesANewWindow()
    {
        const QString journal = journalPath();
        {
            auto window = openWindow(journal);
            QVERIFY(window);
            SysctlPanel *panel = window->sysctlPanel();
            QVERIFY(panel->selectKey(u"net.ipv4.tcp_fin_timeout"_s));
            panel->editValue(u"42"_s);
            QVERIFY(panel->applyEdit());
            QTRY_COMPARE_WITH_TIMEOUT(readProc(FinTimeout), u"42"_s, 5000);
            QTRY_COMPARE(panel->journal().changes().size(), 1);
            // Tests keep what they changed on close unless they say otherwise.
            QVERIFY(window->close());
        }
        QCOMPARE(readProc(FinTimeout), u"42"_s);

        auto window = openWindow(journal);
        QVERIFY(window);
        SysctlPanel *panel = window->sysctlPanel();
        QCOMPARE(panel->journalModel()->rowCount(), 1);
        QCOMPARE(panel->journalModel()->index(0, SysctlJournalModel::NewColumn).data().toString(), u"42"_s);
        QCOMPARE(panel->journalModel()->index(0, SysctlJournalModel::StateColumn).data().toString(), u"in force"_s);
        QCOMPARE(panel->hostChangesInForce().size(), 1);
        auto *revertAll = panel->findChild<QPushButton *>(u"sysctlRevertAll"_s);
        QTRY_VERIFY(revertAll->isEnabled());
        QTest::mouseClick(revertAll, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(readProc(FinTimeout), u"60"_s, 5000);
        QTRY_VERIFY(panel->hostChangesInForce().isEmpty());
    }

    void closingRevertsWhenAskedTo()
    {
        auto window = openWindow(journalPath());
        QVERIFY(window);
        SysctlPanel *panel = window->sysctlPanel();
        QVERIFY(panel->selectKey(u"tcp_fin_timeout"_s));
        panel->editValue(u"33"_s);
        QVERIFY(panel->applyEdit());
        QTRY_COMPARE_WITH_TIMEOUT(readProc(FinTimeout), u"33"_s, 5000);
        QTRY_COMPARE(panel->hostChangesInForce().size(), 1);

        // The answer a person would give in the question on close.
        window->setHostSysctlsOnClose(MainWindow::HostSysctlsOnClose::Revert);
        QVERIFY(!window->close()); // not yet: the revert runs first
        QVERIFY(window->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(readProc(FinTimeout), u"60"_s, 5000);
        QTRY_VERIFY(!window->isVisible());
        QVERIFY(panel->hostChangesInForce().isEmpty());
    }

    void theDockHasItsShortcutAndName()
    {
        auto window = openWindow(journalPath());
        QVERIFY(window);
        QCOMPARE(MainWindow::viewFromName(u"sysctls"_s), MainWindow::View::Sysctls);
        QDockWidget *dock = window->dock(MainWindow::View::Sysctls);
        QVERIFY(dock);
        QCOMPARE(dock->toggleViewAction()->shortcut(), QKeySequence(Qt::ALT | Qt::Key_5));
        QCOMPARE(window->viewWidget(MainWindow::View::Sysctls)->objectName(), u"sysctlScroll"_s);
        QVERIFY(window->sysctlPanel()->isVisible());
    }

    void relatedStatesLightUpTheDiagram()
    {
        auto window = openWindow(journalPath());
        QVERIFY(window);
        StateDiagramView *diagram = window->diagramPanel()->view();
        QVERIFY(window->sysctlPanel()->selectKey(u"tcp_fin_timeout"_s));
        QCOMPARE(diagram->highlightedStates(), QList<TcpState>{TcpState::FinWait2});
        QVERIFY(diagram->highlightCaption().contains(u"tcp_fin_timeout"_s));
        QVERIFY(window->sysctlPanel()->selectKey(u"tcp_synack_retries"_s));
        QCOMPARE(diagram->highlightedStates(), (QList<TcpState>{TcpState::SynRecv, TcpState::NewSynRecv}));
    }

    void queueLimitsListTheListenersTheyReach()
    {
        auto small = Sockets::listen(u"127.0.0.1"_s, 5);
        auto large = Sockets::listen(u"127.0.0.1"_s, 100'000);
        QVERIFY(small.fd);
        QVERIFY(large.fd);
        auto window = openWindow(journalPath());
        QVERIFY(window);
        SysctlPanel *panel = window->sysctlPanel();
        QVERIFY(panel->selectKey(u"somaxconn"_s));
        const auto listed = [&] {
            return panel->explanationView()->listenersText();
        };
        QTRY_VERIFY_WITH_TIMEOUT(listed().contains(u":%1"_s.arg(large.port)), 5000);
        QVERIFY2(listed().contains(u"keep the limit they got when they called listen()"_s), qPrintable(listed()));
        QVERIFY(listed().contains(u":%1"_s.arg(small.port)));
        // listen(100000) was capped at somaxconn; listen(5) kept its own backlog.
        QVERIFY2(listed().contains(u"4096"_s), qPrintable(listed()));
        QVERIFY(listed().contains(u"capped by somaxconn now"_s));
        QVERIFY(listed().contains(u"its own backlog"_s));

        // A key that limits no queue lists nothing.
        QVERIFY(panel->selectKey(u"tcp_fin_timeout"_s));
        QVERIFY(panel->explanationView()->listenersText().isEmpty());
    }

    void counterChartFollowsTheSelectedKey()
    {
        SysctlPanel panel;
        SysctlExplanationView *view = panel.explanationView();
        // Rates that came while another key was shown are on the chart the moment a key is selected.
        view->addCounterChanges(1'000'000'000, {{"TcpExt.ListenOverflows", 10, 5, 5.0, false, false}});
        view->addCounterChanges(2'000'000'000, {{"TcpExt.ListenOverflows", 12, 2, 2.0, false, false}});
        QVERIFY(panel.selectKey(u"somaxconn"_s));
        TimeSeriesModel *rates = view->rateModel();
        QVERIFY(rates);
        QVERIFY(view->chartView());
        QCOMPARE(rates->seriesNames(), (QStringList{u"ListenOverflows"_s, u"ListenDrops"_s}));
        QCOMPARE(rates->rowCount(), 2);
        QCOMPARE(rates->valueAt(0, 0), 5.0);
        QCOMPARE(rates->valueAt(1, 1), 0.0);
        view->addCounterChanges(3'000'000'000, {{"TcpExt.ListenDrops", 3, 3, 3.0, false, false}});
        QCOMPARE(rates->rowCount(), 3);
        QCOMPARE(rates->valueAt(2, 1), 3.0);
        // No counter counts what tcp_rfc1337 does: no chart, a sentence instead.
        QVERIFY(panel.selectKey(u"tcp_rfc1337"_s));
        QVERIFY(!view->rateModel());
        QVERIFY(!view->chartView());
    }

    void helperWritesWhenThisProcessMayNot()
    {
        // The route an ordinary user's window takes on the host, with the real helper started
        // directly (the test is root; pkexec would only ask polkit to agree).
        SysctlApplier applier;
        applier.setHelperPath(QStringLiteral(TCPLENS_SYSCTL_HELPER));
        applier.setAuthorizationProgram({});
        applier.setTarget({}, false);
        const SysctlEntry &fin = entry(u"tcp_fin_timeout"_s);
        QCOMPARE(applier.routeFor(fin).kind, SysctlWriteRoute::Kind::Helper);
        QSignalSpy written(&applier, &SysctlApplier::written);
        QSignalSpy failed(&applier, &SysctlApplier::failed);
        QSignalSpy idle(&applier, &SysctlApplier::idle);
        applier.write(fin, SysctlValue{{45}, {}});
        QVERIFY(applier.isBusy());
        QVERIFY(idle.wait(20'000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(written.size(), 1);
        const auto change = written.constFirst().at(0).value<SysctlChange>();
        QCOMPARE(change.oldValue, u"60"_s);
        QCOMPARE(change.newValue, u"45"_s);
        QCOMPARE(written.constFirst().at(1).value<qsizetype>(), qsizetype(-1));
        QCOMPARE(readProc(FinTimeout), u"45"_s);

        // The helper validates again: what it refuses comes back with its reason.
        applier.write(fin, SysctlValue{{0}, {}});
        QVERIFY(idle.wait(20'000));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.constFirst().at(1).toString();
        QVERIFY2(message.contains(u"refused"_s), qPrintable(message));
        QCOMPARE(readProc(FinTimeout), u"45"_s);
    }

    void failuresNameTheirCause_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("cause");
        QTest::addRow("dialog dismissed") << 126 << u"Not authorised"_s;
        QTest::addRow("polkit refused") << 127 << u"Not authorised"_s;
        QTest::addRow("request refused") << 2 << u"helper refused"_s;
        QTest::addRow("not permitted") << 3 << u"Not permitted"_s;
        QTest::addRow("kernel refused") << 4 << u"kernel refused"_s;
        QTest::addRow("absent") << 5 << u"does not exist on this kernel"_s;
        QTest::addRow("anything else") << 9 << u"status 9"_s;
    }

    void failuresNameTheirCause()
    {
        QFETCH(int, exitCode);
        QFETCH(QString, cause);
        const QString message = SysctlApplier::helperFailure(exitCode, u"net.ipv4.tcp_fin_timeout"_s, u"why"_s);
        QVERIFY2(message.contains(cause), qPrintable(message));
        QVERIFY(message.contains(u"tcp_fin_timeout"_s));
    }

    void failuresShowInThePaneWithoutWriting()
    {
        auto window = openWindow(journalPath());
        QVERIFY(window);
        SysctlPanel *panel = window->sysctlPanel();
        QSignalSpy failed(panel, &SysctlPanel::changeFailed);
        // An authorisation program that says no, as pkexec does when the dialog is dismissed.
        panel->applier()->setHelperPath(QStringLiteral(TCPLENS_SYSCTL_HELPER));
        panel->applier()->setAuthorizationProgram(u"false"_s);
        panel->applier()->setTarget({}, false);
        QVERIFY(panel->selectKey(u"tcp_fin_timeout"_s));
        panel->editValue(u"20"_s);
        QVERIFY(panel->applyEdit());
        QVERIFY(failed.wait(20'000));
        QVERIFY2(panel->statusText().contains(u"status 1"_s), qPrintable(panel->statusText()));
        QCOMPARE(readProc(FinTimeout), u"60"_s);
        QCOMPARE(panel->journal().changes().size(), 0);

        // Without pkexec, no route: the reason, and no Apply.
        panel->applier()->setAuthorizationProgram(u"no-such-pkexec-here"_s);
        const SysctlWriteRoute route = panel->applier()->routeFor(entry(u"tcp_fin_timeout"_s));
        QCOMPARE(route.kind, SysctlWriteRoute::Kind::None);
        QVERIFY(route.reason.contains(u"not installed"_s));
    }

    // Each kind of key selected in a window of the screenshot's size, with an edit where there are
    // fields. With TCPLENS_SYSCTL_PNG_DIR set, the pictures are written there for a person to look at.
    void rendersEachKindOfKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("edit");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("bitmask") << u"tcp_fastopen"_s << u"1027"_s << true;
        QTest::addRow("triple, refused") << u"tcp_rmem"_s << u"8192 4096 6291456"_s << false;
        QTest::addRow("port range, warned") << u"ip_local_port_range"_s << u"32768 61000"_s << true;
        QTest::addRow("enum") << u"tcp_syncookies"_s << u"2"_s << true;
        QTest::addRow("choice") << u"tcp_congestion_control"_s << u"reno"_s << true;
        QTest::addRow("removed") << u"tcp_tw_recycle"_s << QString() << false;
    }

    void rendersEachKindOfKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, edit);
        QFETCH(bool, accepted);
        auto window = openWindow(journalPath());
        QVERIFY(window);
        QDockWidget *dock = window->dock(MainWindow::View::Sysctls);
        dock->setFloating(true);
        dock->resize(1200, 760);
        SysctlPanel *panel = window->sysctlPanel();
        QVERIFY(panel->selectKey(key));
        if (!edit.isEmpty())
            panel->editValue(edit);
        QCOMPARE(panel->editor()->validation().isAccepted(), accepted);
        QCOMPARE(panel->applyButton()->isEnabled(), accepted);
        QVERIFY(panel->editor()->findChild<QLabel *>(u"sysctlValidation"_s)->isVisibleTo(panel));
        // The chart of the key's counters is laid out below the text.
        if (!entry(key).counters.isEmpty()) {
            QVERIFY(panel->explanationView()->chartView());
            QVERIFY(panel->explanationView()->chartView()->isVisible());
            QTRY_VERIFY(panel->explanationView()->chartView()->height() >= 150);
        }
        const QImage image = panel->grab().toImage();
        QVERIFY(!image.isNull());
        const QString folder = qEnvironmentVariable("TCPLENS_SYSCTL_PNG_DIR");
        if (!folder.isEmpty())
            QVERIFY(image.save(
                QDir(folder).filePath(u"sysctl-%1.png"_s.arg(QString::fromLatin1(QTest::currentDataTag())))));
    }

    void exportsTheChangesInForceAndChecksFiles()
    {
        auto window = openWindow(journalPath());
        QVERIFY(window);
        SysctlPanel *panel = window->sysctlPanel();
        QVERIFY(panel->selectKey(u"tcp_fin_timeout"_s));
        panel->editValue(u"30"_s);
        QVERIFY(panel->applyEdit());
        QTRY_COMPARE(panel->journal().changes().size(), 1);
        panel->editValue(u"20"_s);
        QTRY_VERIFY(panel->canApply());
        QVERIFY(panel->applyEdit());
        QTRY_COMPARE(panel->journal().changes().size(), 2);

        // One line for the key, with the value in force and the one it replaced.
        const QString text = panel->exportText();
        QCOMPARE(text.count(u"net.ipv4.tcp_fin_timeout = "_s), 1);
        QVERIFY2(text.contains(u"net.ipv4.tcp_fin_timeout = 20"_s), qPrintable(text));
        SysctlFileDialog *exported = panel->showExport();
        QCOMPARE(exported->text(), text);
        const QString saved = m_folder.filePath(u"90-tcplens.conf"_s);
        QVERIFY(exported->saveTo(saved));
        QCOMPARE(readProc(saved), text.simplified());
        exported->close();

        SysctlFileDialog *checked = panel->showCheck(QFINDTESTDATA("data/sysctl-lint/production.conf"));
        QVERIFY(checked);
        const QString findings = checked->findingLines().join(u'\n');
        QVERIFY2(findings.contains(u"tcp_tw_recycle"_s), qPrintable(findings));
        QVERIFY(findings.contains(u"error"_s));
        QVERIFY(checked->text().contains(u"net.ipv4.tcp_fin_timeout = 2"_s));
        checked->close();

        panel->revertAll();
        QTRY_COMPARE_WITH_TIMEOUT(readProc(FinTimeout), u"60"_s, 5000);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestSysctlPanel, QApplication)

#include "tst_sysctlpanel.moc"
