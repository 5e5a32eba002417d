// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlpanel.h"

#include "charts/timelinemarkermodel.h"
#include "model/monotonicclock.h"
#include "pipeline/liveconnections.h"
#include "sysctl/sysctldfile.h"
#include "sysctl/sysctllint.h"
#include "sysctlapplier.h"
#include "sysctlexplanationview.h"
#include "sysctlfiledialog.h"
#include "sysctljournalmodel.h"
#include "sysctltreemodel.h"
#include "sysctlvalueeditor.h"
#include "sysctlvaluesreader.h"
#include "uilogging.h"

#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextDocument>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

// How long the pane's chart keeps sysctl markers.
constexpr qint64 MarkersKeptNs = 10LL * 60 * 1'000'000'000;

SysctlCatalog loadCatalog()
{
    auto catalog = SysctlCatalog::builtIn();
    if (!catalog) {
        qCWarning(lcUi) << "the sysctl catalog cannot be read:" << catalog.error();
        return {};
    }
    return std::move(*catalog);
}

} // namespace

SysctlPanel::SysctlPanel(QWidget *parent)
    : QWidget(parent)
    , m_catalog(loadCatalog())
    , m_tree(new SysctlTreeModel(&m_catalog, this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_reader(new SysctlValuesReader(&m_catalog, this))
    , m_applier(new SysctlApplier(this))
    , m_journalModel(new SysctlJournalModel(this))
    , m_markers(new TimelineMarkerModel(this))
{
    m_filter->setSourceModel(m_tree);
    m_filter->setFilterRole(SysctlTreeModel::SearchTextRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    // A key matches by its own words; a group by its title, and then with all its keys.
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setAutoAcceptChildRows(true);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createKeyList());
    splitter->addWidget(createKeyPane());
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 5);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_reader, &SysctlValuesReader::valuesRead, this, &SysctlPanel::valuesArrived);
    connect(m_applier, &SysctlApplier::written, this, &SysctlPanel::written);
    connect(m_applier, &SysctlApplier::failed, this, &SysctlPanel::failed);
    connect(m_applier, &SysctlApplier::busyChanged, this, &SysctlPanel::updateActions);
    connect(m_applier, &SysctlApplier::waitingForAuthorizationChanged, m_waiting, &QWidget::setVisible);
    connect(m_applier, &SysctlApplier::idle, this, &SysctlPanel::idle);
    m_journalModel->setJournal(&m_journal);
    loadJournal();
    showSelected(true);
}

SysctlPanel::~SysctlPanel()
{
    // The reader's thread reads m_catalog: it must end before the catalog goes with this object's
    // members, which QObject would otherwise destroy before deleting the reader, its child (seen as
    // a crash in a window closed while its first read still ran).
    delete m_reader;
    m_reader = nullptr;
}

QWidget *SysctlPanel::createKeyList()
{
    auto *list = new QWidget(this);
    auto *layout = new QVBoxLayout(list);
    layout->setContentsMargins(0, 0, 0, 0);

    m_search = new QLineEdit(list);
    m_search->setObjectName(u"sysctlSearch"_s);
    m_search->setPlaceholderText(tr("Search keys, states, counters and old advice (tcp_tw_recycle…)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text.trimmed());
        m_treeView->expandAll();
        // A match is shown at once, so typing an old guide's key answers it: the first key whose
        // name holds the text, else the first key found by its words.
        const QString wanted = text.trimmed();
        const QModelIndex current = m_treeView->currentIndex();
        if (wanted.isEmpty() ||
            (current.isValid() &&
                current.data(SysctlTreeModel::KeyRole).toString().contains(wanted, Qt::CaseInsensitive)))
            return;
        QModelIndex first;
        for (int group = 0; group < m_filter->rowCount(); ++group) {
            const QModelIndex parent = m_filter->index(group, 0);
            for (int row = 0; row < m_filter->rowCount(parent); ++row) {
                const QModelIndex key = m_filter->index(row, 0, parent);
                if (key.data(SysctlTreeModel::KeyRole).toString().contains(wanted, Qt::CaseInsensitive)) {
                    m_treeView->setCurrentIndex(key);
                    return;
                }
                if (!first.isValid())
                    first = key;
            }
        }
        if (first.isValid() && !(current.isValid() && current.parent().isValid()))
            m_treeView->setCurrentIndex(first);
    });
    layout->addWidget(m_search);

    m_treeView = new QTreeView(list);
    m_treeView->setObjectName(u"sysctlTree"_s);
    m_treeView->setModel(m_filter);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setAlternatingRowColors(true);
    m_treeView->setAllColumnsShowFocus(true);
    m_treeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_treeView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_treeView->setIndentation(m_treeView->fontMetrics().horizontalAdvance(u"MM"_s));
    // Names are read in full; values share what is left (a long triple is elided, its tooltip
    // says it whole).
    QHeaderView *header = m_treeView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(SysctlTreeModel::NameColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SysctlTreeModel::ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(SysctlTreeModel::DefaultColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(SysctlTreeModel::ScopeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SysctlTreeModel::WriteColumn, QHeaderView::ResizeToContents);
    m_treeView->setTextElideMode(Qt::ElideMiddle);
    // Group titles span the row, so that the name column is as wide as the longest key, not title.
    const auto spanGroups = [this] {
        for (int row = 0; row < m_filter->rowCount(); ++row)
            m_treeView->setFirstColumnSpanned(row, {}, true);
    };
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, spanGroups);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, spanGroups);
    connect(m_filter, &QAbstractItemModel::modelReset, this, spanGroups);
    spanGroups();
    m_treeView->expandAll();
    connect(
        m_treeView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SysctlPanel::selectionChanged);
    layout->addWidget(m_treeView, 3);

    auto *journalBox = new QGroupBox(tr("Changes made with TCP Lens"), list);
    auto *journalLayout = new QVBoxLayout(journalBox);
    m_journalView = new QTableView(journalBox);
    m_journalView->setObjectName(u"sysctlJournal"_s);
    m_journalView->setModel(m_journalModel);
    m_journalView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_journalView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_journalView->verticalHeader()->hide();
    m_journalView->horizontalHeader()->setStretchLastSection(true);
    m_journalView->setWordWrap(false);
    // A few rows: the keys above need the room more than a journal that is mostly short.
    m_journalView->setMinimumHeight(m_journalView->fontMetrics().height() * 5);
    m_journalView->setMaximumHeight(m_journalView->fontMetrics().height() * 10);
    connect(m_journalModel, &QAbstractItemModel::modelReset, m_journalView, &QTableView::resizeColumnsToContents);
    connect(m_journalView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SysctlPanel::updateActions);
    // A change names its key: double-click shows it.
    connect(m_journalView, &QTableView::doubleClicked, this,
        [this](const QModelIndex &index) { selectKey(index.data(SysctlJournalModel::KeyRole).toString()); });
    journalLayout->addWidget(m_journalView);
    m_journalEmpty = new QLabel(tr("No change yet. Every change made here is kept on disk with its old value, "
                                   "to revert, also after a restart."),
        journalBox);
    m_journalEmpty->setWordWrap(true);
    m_journalEmpty->setForegroundRole(QPalette::PlaceholderText);
    journalLayout->addWidget(m_journalEmpty);
    // An empty table would only take the keys' room.
    connect(m_journalModel, &QAbstractItemModel::modelReset, this, [this] {
        const bool empty = m_journalModel->rowCount() == 0;
        m_journalView->setVisible(!empty);
        m_journalEmpty->setVisible(empty);
    });

    auto *buttons = new QHBoxLayout;
    m_revert = new QPushButton(QIcon::fromTheme(u"edit-undo"_s), tr("Revert"), journalBox);
    m_revert->setObjectName(u"sysctlRevert"_s);
    m_revert->setToolTip(tr("Write the selected change's old value back"));
    connect(m_revert, &QPushButton::clicked, this, &SysctlPanel::revertSelectedChange);
    m_revertAll = new QPushButton(tr("Revert All"), journalBox);
    m_revertAll->setObjectName(u"sysctlRevertAll"_s);
    m_revertAll->setToolTip(tr("Undo every change still in force, newest first"));
    connect(m_revertAll, &QPushButton::clicked, this, &SysctlPanel::revertAll);
    auto *exportButton = new QPushButton(QIcon::fromTheme(u"document-export"_s), tr("Export…"), journalBox);
    exportButton->setObjectName(u"sysctlExport"_s);
    exportButton->setToolTip(tr("Export as sysctl.d file: the changes in force, to keep them after a reboot"));
    connect(exportButton, &QPushButton::clicked, this, &SysctlPanel::showExport);
    auto *checkButton = new QPushButton(QIcon::fromTheme(u"document-open"_s), tr("Check File…"), journalBox);
    checkButton->setObjectName(u"sysctlCheck"_s);
    checkButton->setToolTip(tr("Check a sysctl.conf file against the catalog and this kernel"));
    connect(checkButton, &QPushButton::clicked, this, &SysctlPanel::checkFileInteractively);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_revertAll);
    buttons->addStretch(1);
    buttons->addWidget(exportButton);
    buttons->addWidget(checkButton);
    journalLayout->addLayout(buttons);
    layout->addWidget(journalBox);
    return list;
}

QWidget *SysctlPanel::createKeyPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(6, 0, 0, 0);

    m_title = new QLabel(pane);
    m_title->setObjectName(u"sysctlTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_where = new QLabel(pane);
    m_where->setForegroundRole(QPalette::PlaceholderText);
    m_where->setWordWrap(true);
    layout->addWidget(m_where);

    auto *valueBox = new QGroupBox(tr("Value"), pane);
    m_valueBox = valueBox;
    auto *valueLayout = new QVBoxLayout(valueBox);
    m_editor = new SysctlValueEditor(valueBox);
    m_editor->setObjectName(u"sysctlEditor"_s);
    connect(m_editor, &SysctlValueEditor::edited, this, &SysctlPanel::updateActions);
    valueLayout->addWidget(m_editor);
    auto *buttons = new QHBoxLayout;
    m_apply = new QPushButton(QIcon::fromTheme(u"dialog-ok-apply"_s), tr("Apply"), valueBox);
    m_apply->setObjectName(u"sysctlApply"_s);
    m_apply->setDefault(true);
    connect(m_apply, &QPushButton::clicked, this, &SysctlPanel::applyEdit);
    m_discard = new QPushButton(tr("Discard"), valueBox);
    m_discard->setToolTip(tr("Show the kernel's value again"));
    connect(m_discard, &QPushButton::clicked, m_editor, &SysctlValueEditor::discardEdit);
    m_useDefault = new QPushButton(tr("Kernel Default"), valueBox);
    m_useDefault->setToolTip(tr("Put the value a new network namespace starts with into the fields"));
    connect(m_useDefault, &QPushButton::clicked, this, [this] {
        const SysctlReading *reading = m_values.reading(selectedKey());
        if (reading && reading->kernelDefault)
            m_editor->setValue(*reading->kernelDefault);
    });
    m_waiting = new QProgressBar(valueBox);
    m_waiting->setRange(0, 0);
    m_waiting->setFormat(tr("Waiting for authorisation…"));
    m_waiting->setTextVisible(true);
    m_waiting->setMaximumWidth(220);
    m_waiting->setVisible(false);
    buttons->addWidget(m_apply);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_useDefault);
    buttons->addWidget(m_waiting);
    buttons->addStretch(1);
    valueLayout->addLayout(buttons);
    m_status = new QLabel(valueBox);
    m_status->setObjectName(u"sysctlStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setVisible(false);
    valueLayout->addWidget(m_status);
    layout->addWidget(valueBox);

    m_explanation = new SysctlExplanationView(&m_catalog, pane);
    m_explanation->setMarkerModel(m_markers);
    layout->addWidget(m_explanation, 1);
    return pane;
}

void SysctlPanel::setConnections(LiveConnections *connections)
{
    if (m_connections)
        disconnect(m_connections, nullptr, this, nullptr);
    m_connections = connections;
    if (!connections)
        return;
    // The source is known once it is set: statusChanged() follows every setSource().
    connect(connections, &LiveConnections::statusChanged, this, &SysctlPanel::followSource);
    connect(connections, &LiveConnections::sourceChanged, this,
        [this] { m_markers->removeBefore(std::numeric_limits<qint64>::max()); });
    connect(connections, &LiveConnections::countersSampled, this,
        [this](qint64 monotonicNs, const QList<CounterChange> &changes) {
            m_explanation->addCounterChanges(monotonicNs, changes);
            m_markers->removeBefore(monotonicNs - MarkersKeptNs);
        });
    connect(connections, &LiveConnections::snapshotApplied, m_explanation, &SysctlExplanationView::showListeners);
    connect(connections, &LiveConnections::sysctlChanged, this, [this](const SysctlChange &change, qint64 monotonicNs) {
        m_markers->addSysctlChange(change, monotonicNs);
        if (m_reported) {
            m_reportedValues.insert(change.key, change.newValue);
            showReportedValues();
            return;
        }
        // Someone changed a value (or this window did and the poll saw it): read them again.
        m_reader->read(m_netns);
    });
    connect(connections, &LiveConnections::sysctlsRead, this, [this](qint64, const QHash<QString, QString> &values) {
        if (!m_reported)
            return; // read here, with defaults and contexts the report lacks
        m_reportedValues = values;
        showReportedValues();
    });
    connect(connections, &LiveConnections::markerAdded, m_markers, &TimelineMarkerModel::addMarker);
    followSource();
}

void SysctlPanel::followSource()
{
    if (!m_connections || !m_connections->source())
        return;
    const QString netns = m_connections->description().netns;
    const bool writes = m_connections->capabilities().sysctlWrites;
    const bool reported = !m_connections->capabilities().sysctlReads;
    // A lab names its namespace once its helper made it: until then there is nothing to read.
    if (m_connections->description().kind == SourceDescription::Kind::Lab && netns.isEmpty())
        return;
    // A recording scrubbed to another moment is another source of the same kind: what it reported
    // stays until it reports again.
    if (m_targetKnown && netns == m_netns && writes == m_sysctlWrites && reported == m_reported)
        return;
    m_targetKnown = true;
    m_netns = netns;
    m_sysctlWrites = writes;
    m_reported = reported;
    m_reportedValues.clear();
    const std::shared_ptr<DescriptorBroker> broker = m_connections->source()->descriptorBroker();
    m_applier->setTarget(netns, writes, broker);
    m_reader->setBroker(broker);
    // Nothing of the namespace watched before stays on show.
    m_values = {};
    m_values.netns = netns;
    m_tree->setValues(m_values);
    updateRoutes();
    showSelected(false);
    if (reported) {
        setStatus(tr("These are the values the source watched reported (a recording, another machine): nothing "
                     "is read or applied here."),
            false);
        return;
    }
    m_reader->read(netns);
}

void SysctlPanel::showReportedValues()
{
    SysctlValues values;
    values.generation = m_values.generation + 1;
    values.netns = m_netns;
    for (const SysctlEntry &entry : m_catalog.entries()) {
        SysctlReading reading;
        reading.key = entry.key;
        const auto value = m_reportedValues.constFind(entry.key);
        reading.present = value != m_reportedValues.cend();
        if (reading.present)
            reading.current = *value;
        else
            reading.error = tr("Not reported by the source watched");
        reading.defaultNote = tr("The kernel's default is not known: the value was read on the machine watched");
        values.readings.append(reading);
    }
    valuesArrived(values);
}

void SysctlPanel::valuesArrived(const SysctlValues &values)
{
    if (values.netns != m_netns)
        return;
    m_values = values;
    m_tree->setValues(values);
    updateRoutes();
    showSelected(false);
    if (!values.error.isEmpty())
        setStatus(tr("Cannot read the sysctls here: %1").arg(values.error), true);
    Q_EMIT valuesRead();
}

void SysctlPanel::updateRoutes()
{
    QHash<QString, SysctlWriteRoute> routes;
    // Only the initial namespace shows tcp_mem (ipv4_table is registered for init_net alone): a
    // global key seen elsewhere is the host's, shown read-only.
    const SysctlReading *tcpMem = m_values.reading(u"net.ipv4.tcp_mem"_s);
    const bool initialNamespace = tcpMem && tcpMem->present;
    for (const SysctlEntry &entry : m_catalog.entries()) {
        if (m_reported) {
            // Not this machine's sysctls (nor, for a recording, of now): nothing goes from here.
            routes.insert(entry.key,
                {SysctlWriteRoute::Kind::None,
                    tr("Shown as the source watched reported it: a recording, or another machine")});
            continue;
        }
        SysctlWriteRoute route = m_applier->routeFor(entry);
        const SysctlReading *reading = m_values.reading(entry.key);
        if (route.canWrite() && reading && !reading->present)
            route = {SysctlWriteRoute::Kind::None, reading->error};
        else if (route.canWrite() && reading && entry.scope == SysctlScope::Global && !initialNamespace)
            route = {SysctlWriteRoute::Kind::None,
                tr("Global: only the host's initial network namespace may set it, and TCP Lens runs in another")};
        else if (route.kind == SysctlWriteRoute::Kind::Direct && reading && !reading->writable)
            route = {SysctlWriteRoute::Kind::None, tr("The kernel does not let TCP Lens write it here")};
        routes.insert(entry.key, route);
    }
    m_tree->setWriteRoutes(routes);
}

QString SysctlPanel::selectedKey() const
{
    return m_treeView->currentIndex().data(SysctlTreeModel::KeyRole).toString();
}

bool SysctlPanel::selectKey(const QString &nameOrKey)
{
    const SysctlEntry *entry = m_catalog.find(nameOrKey);
    if (!entry)
        return false;
    QModelIndex index = m_filter->mapFromSource(m_tree->indexOfKey(entry->key));
    if (!index.isValid()) {
        // Hidden by the search: the user asked for this key, so the search gives way.
        m_search->clear();
        index = m_filter->mapFromSource(m_tree->indexOfKey(entry->key));
    }
    m_treeView->setCurrentIndex(index);
    m_treeView->scrollTo(index);
    return true;
}

void SysctlPanel::selectionChanged()
{
    showSelected(true);
}

void SysctlPanel::showSelected(bool newKey)
{
    const QString key = selectedKey();
    const SysctlEntry *entry = key.isEmpty() ? nullptr : m_catalog.find(key);
    const SysctlReading *reading = entry ? m_values.reading(entry->key) : nullptr;
    const std::optional<SysctlReading> shownReading = reading ? std::optional(*reading) : std::nullopt;
    const SysctlWriteRoute route = entry ? m_tree->writeRoute(entry->key) : SysctlWriteRoute{};
    const QString current = reading && reading->current ? *reading->current : QString();
    const SysctlValidator::Context context = entry ? m_values.contexts.value(entry->key) : SysctlValidator::Context{};
    if (newKey)
        m_editor->setEntry(entry, current, context);
    else
        m_editor->setCurrent(current, context);
    m_explanation->showEntry(entry, shownReading, route);
    if (m_connections && entry && SysctlExplanationView::limitsListenQueues(*entry))
        m_explanation->showListeners(m_connections->latest());

    m_valueBox->setVisible(entry != nullptr);
    if (!entry) {
        const QModelIndex group = m_treeView->currentIndex();
        m_title->setText(group.isValid()
                ? SysctlTreeModel::groupTitle(SysctlTreeModel::Group(group.data(SysctlTreeModel::GroupRole).toInt()))
                : tr("Sysctls"));
        m_where->setText(tr("Choose a key for what it does, its counters and a way to change it."));
    } else {
        m_title->setText(entry->name());
        QStringList where{entry->key};
        where.append(entry->scope == SysctlScope::Namespace ? tr("per network namespace") : tr("global"));
        where.append(
            m_netns.isEmpty() ? tr("watching TCP Lens's own namespace") : tr("watching the namespace %1").arg(m_netns));
        m_where->setText(where.join(u" · "_s));
    }
    if (newKey) {
        setStatus({}, false);
        const QList<TcpState> states = entry ? SysctlExplanationView::relatedStates(*entry) : QList<TcpState>();
        Q_EMIT relatedStatesChanged(states, entry ? tr("Marked: the states %1 governs").arg(entry->name()) : QString());
    }
    updateActions();
}

bool SysctlPanel::isBusy() const
{
    return m_applier->isBusy();
}

bool SysctlPanel::canApply() const
{
    const SysctlEntry *entry = m_editor->entry();
    return entry && m_tree->writeRoute(entry->key).canWrite() && m_editor->isEdited() &&
        m_editor->validation().isAccepted() && !m_applier->isBusy();
}

void SysctlPanel::updateActions()
{
    const SysctlEntry *entry = m_editor->entry();
    const SysctlWriteRoute route = entry ? m_tree->writeRoute(entry->key) : SysctlWriteRoute{};
    const bool busy = m_applier->isBusy();
    m_apply->setEnabled(canApply());
    m_apply->setText(route.kind == SysctlWriteRoute::Kind::Helper ? tr("Apply as Administrator…") : tr("Apply"));
    m_apply->setToolTip(route.reason);
    m_discard->setEnabled(m_editor->isEdited());
    const SysctlReading *reading = entry ? m_values.reading(entry->key) : nullptr;
    m_useDefault->setEnabled(m_editor->form() != SysctlValueEditor::Form::None && reading && reading->kernelDefault &&
        *reading->kernelDefault != m_editor->text());
    const QModelIndexList rows = m_journalView->selectionModel()->selectedRows();
    const bool selectedInForce = !rows.isEmpty() && !rows.constFirst().data(SysctlJournalModel::RevertedRole).toBool();
    m_revert->setEnabled(selectedInForce && !busy);
    const auto &changes = m_journal.changes();
    m_revertAll->setEnabled(
        !busy && std::any_of(changes.cbegin(), changes.cend(), [](const SysctlChange &c) { return !c.reverted; }));
}

void SysctlPanel::editValue(const QString &value)
{
    m_editor->setValue(value);
}

bool SysctlPanel::applyEdit()
{
    const SysctlEntry *entry = m_editor->entry();
    if (!entry)
        return false;
    // The same rules as the button's: nothing invalid reaches the writer, however this is called.
    const SysctlValidation &validation = m_editor->validation();
    if (!validation.isAccepted()) {
        setStatus(tr("Not applied: %1").arg(validation.error), true);
        return false;
    }
    const SysctlWriteRoute route = m_tree->writeRoute(entry->key);
    if (!route.canWrite()) {
        setStatus(tr("Not applied: %1").arg(route.reason), true);
        return false;
    }
    if (!m_editor->isEdited()) {
        setStatus(tr("Nothing to apply: the kernel holds this value already"), false);
        return false;
    }
    if (m_applier->isBusy())
        return false;
    m_applier->write(*entry, *validation.value);
    setStatus(
        route.kind == SysctlWriteRoute::Kind::Helper ? tr("Asking for administrator rights…") : tr("Writing…"), false);
    updateActions();
    return true;
}

void SysctlPanel::written(const SysctlChange &change, qsizetype journalIndex)
{
    const QString name = change.key.mid(change.key.lastIndexOf(u'.') + 1);
    const auto journaled = journalIndex < 0 ? m_journal.append(change) : m_journal.markReverted(journalIndex);
    m_journalModel->reload();
    if (!journaled)
        setStatus(
            tr("%1 is %2 now, but the journal could not keep it: %3").arg(name, change.newValue, journaled.error()),
            true);
    else if (journalIndex < 0)
        setStatus(tr("%1 changed from %2 to %3").arg(name, change.oldValue, change.newValue), false);
    else
        setStatus(tr("%1 reverted from %2 to %3").arg(name, change.oldValue, change.newValue), false);

    // A line on every chart, at the moment it was written.
    const TimelineMarker marker = TimelineMarkerModel::markerFor(change, MonotonicClock::nowNs());
    if (m_connections)
        m_connections->addMarker(marker);
    else
        m_markers->addMarker(marker);

    // What the kernel holds now, until the next reading confirms it, so the editor is not "edited".
    if (change.netns == m_applier->targetNetns()) {
        for (SysctlReading &reading : m_values.readings) {
            if (reading.key == change.key)
                reading.current = change.newValue;
        }
        m_tree->setValues(m_values);
        showSelected(false);
    }
    m_reader->read(m_netns);
    updateActions();
    Q_EMIT changeWritten(change);
}

void SysctlPanel::failed(const QString &key, const QString &message, qsizetype journalIndex)
{
    Q_UNUSED(journalIndex)
    qCInfo(lcUi) << "sysctl" << key << "not written:" << message;
    setStatus(message, true);
    updateActions();
    Q_EMIT changeFailed(message);
}

void SysctlPanel::setStatus(const QString &text, bool failure)
{
    if (text.isEmpty()) {
        m_status->clear();
        m_status->setVisible(false);
        return;
    }
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QColor red = dark ? QColor(255, 120, 110) : QColor(190, 20, 20);
    m_status->setText(failure ? u"<span style='color:%1'>✖ %2</span>"_s.arg(red.name(), text.toHtmlEscaped())
                              : u"✔ "_s + text.toHtmlEscaped());
    m_status->setVisible(true);
}

QString SysctlPanel::statusText() const
{
    QTextDocument document;
    document.setHtml(m_status->text());
    return document.toPlainText();
}

void SysctlPanel::revertChange(qsizetype journalIndex)
{
    if (journalIndex < 0 || journalIndex >= m_journal.changes().size())
        return;
    const SysctlChange &change = m_journal.changes().at(journalIndex);
    if (change.reverted)
        return;
    const SysctlEntry *entry = m_catalog.find(change.key);
    if (!entry) {
        setStatus(tr("%1 is not in this TCP Lens's catalog; revert it by hand: sysctl -w %1='%2'")
                      .arg(change.key, change.oldValue),
            true);
        return;
    }
    m_applier->revert(*entry, change, journalIndex);
    setStatus(tr("Reverting %1 to %2…").arg(entry->name(), change.oldValue), false);
    updateActions();
}

void SysctlPanel::revertSelectedChange()
{
    const QModelIndexList rows = m_journalView->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        revertChange(rows.constFirst().data(SysctlJournalModel::JournalIndexRole).toLongLong());
}

void SysctlPanel::revertAll()
{
    // Newest first: a key changed twice ends at the value it had before the first change.
    for (qsizetype i = m_journal.changes().size() - 1; i >= 0; --i)
        revertChange(i);
}

void SysctlPanel::revertHostChanges()
{
    const QList<qsizetype> inForce = m_journal.hostChangesInForce();
    for (auto it = inForce.crbegin(); it != inForce.crend(); ++it)
        revertChange(*it);
}

void SysctlPanel::setJournalPath(const QString &path)
{
    m_journal = SysctlJournal(path);
    loadJournal();
}

void SysctlPanel::loadJournal()
{
    if (auto loaded = m_journal.load(); !loaded)
        setStatus(loaded.error(), true);
    m_journalModel->reload();
    updateActions();
}

QString SysctlPanel::exportText() const
{
    // The last value of each key still in force in the namespace watched: what a boot should set
    // there. Another namespace's changes belong to another file.
    QList<SysctlChange> inForce;
    const QString netns = m_applier->targetNetns();
    for (const SysctlChange &change : m_journal.changes()) {
        if (change.reverted || change.netns != netns)
            continue;
        const auto known = std::find_if(
            inForce.begin(), inForce.end(), [&](const SysctlChange &other) { return other.key == change.key; });
        if (known == inForce.end()) {
            inForce.append(change);
        } else {
            // The first change of a key knows what it replaced; the newest what stays.
            known->newValue = change.newValue;
            known->time = change.time;
        }
    }
    return SysctlDFile::render(m_catalog, inForce);
}

SysctlFileDialog *SysctlPanel::showExport()
{
    auto *dialog = new SysctlFileDialog(SysctlFileDialog::Purpose::Export, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setDocument(u"90-tcplens.conf"_s, exportText());
    dialog->show();
    return dialog;
}

SysctlFileDialog *SysctlPanel::showCheck(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        setStatus(tr("Cannot read %1: %2").arg(path, file.errorString()), true);
        return nullptr;
    }
    const QString text = QString::fromUtf8(file.readAll());
    // The editor lints against the kernel of TCP Lens's own namespace, where this thread reads /proc/sys.
    auto *dialog = new SysctlFileDialog(SysctlFileDialog::Purpose::Check, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setDocument(path, text);
    dialog->show();
    return dialog;
}

void SysctlPanel::checkFileInteractively()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Check a sysctl.conf File"), u"/etc/sysctl.d"_s, tr("sysctl.conf files (*.conf);;All files (*)"));
    if (!path.isEmpty())
        showCheck(path);
}

} // namespace TcpLens
