// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpstate.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlchange.h"
#include "sysctl/sysctljournal.h"
#include "sysctlvalues.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTreeView;

namespace TcpLens {

class LiveConnections;
class SysctlApplier;
class SysctlExplanationView;
class SysctlFileDialog;
class SysctlJournalModel;
class SysctlTreeModel;
class SysctlValueEditor;
class SysctlValuesReader;
class TimelineMarkerModel;

// The dock a user tunes with: the catalog's keys by lesson with their values in the namespace the
// window watches, a search that also finds removed keys and the answer to old advice; for the
// selected key its explanation, its counters live and an editor that validates as the user types;
// Apply writes where the window looks (itself, or through the polkit helper); every change is
// journaled on disk, marked on every chart, and can be reverted, also after a restart. The journal
// exports as an /etc/sysctl.d/ file; any sysctl.conf can be checked.
class SysctlPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SysctlPanel(QWidget *parent = nullptr);
    ~SysctlPanel() override;

    // Reads, writes and marks in what `connections` (not owned) watches; follows its source.
    void setConnections(LiveConnections *connections);

    // Another journal file than the XDG state one (tests): loaded at once.
    void setJournalPath(const QString &path);
    const SysctlJournal &journal() const { return m_journal; }
    // Journal indexes of host changes still in force.
    QList<qsizetype> hostChangesInForce() const { return m_journal.hostChangesInForce(); }

    // Selects a key by name or full key; false for one the catalog lacks.
    bool selectKey(const QString &nameOrKey);
    QString selectedKey() const;
    // Puts a value into the editor as if typed (kernel text).
    void editValue(const QString &value);
    // Writes the editor's value; false (with the reason shown) when it cannot be applied.
    bool applyEdit();
    bool canApply() const;
    void revertChange(qsizetype journalIndex);
    void revertAll();
    void revertHostChanges();
    bool isBusy() const;
    bool hasValues() const { return m_values.generation > 0; }

    // sysctl.d text of the changes in force in the watched namespace.
    QString exportText() const;
    // Opens the export preview / a file's lint findings in a dialog; returns it (deleted on close).
    SysctlFileDialog *showExport();
    SysctlFileDialog *showCheck(const QString &path);

    const SysctlCatalog &catalog() const { return m_catalog; }
    SysctlTreeModel *treeModel() const { return m_tree; }
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    QTreeView *treeView() const { return m_treeView; }
    QLineEdit *searchEdit() const { return m_search; }
    SysctlValueEditor *editor() const { return m_editor; }
    QPushButton *applyButton() const { return m_apply; }
    SysctlExplanationView *explanationView() const { return m_explanation; }
    SysctlJournalModel *journalModel() const { return m_journalModel; }
    QTableView *journalView() const { return m_journalView; }
    SysctlApplier *applier() const { return m_applier; }
    TimelineMarkerModel *markerModel() const { return m_markers; }
    // What the line under Apply says now (the last outcome or failure).
    QString statusText() const;

Q_SIGNALS:
    // The states the selected key governs, for the state diagram; `caption` names the key.
    void relatedStatesChanged(const QList<TcpLens::TcpState> &states, const QString &caption);
    void valuesRead();
    void changeWritten(const TcpLens::SysctlChange &change);
    void changeFailed(const QString &message);
    // No write is queued or running any more.
    void idle();

private:
    QWidget *createKeyList();
    QWidget *createKeyPane();
    void followSource();
    void valuesArrived(const SysctlValues &values);
    // The values a source that reads no /proc/sys here reports (a recording, a remote host).
    void showReportedValues();
    void updateRoutes();
    void selectionChanged();
    void showSelected(bool newKey);
    void updateActions();
    void written(const SysctlChange &change, qsizetype journalIndex);
    void failed(const QString &key, const QString &message, qsizetype journalIndex);
    void setStatus(const QString &text, bool failure);
    void revertSelectedChange();
    void checkFileInteractively();
    void loadJournal();

    SysctlCatalog m_catalog;
    SysctlJournal m_journal;
    SysctlValues m_values;
    QString m_netns;
    bool m_sysctlWrites = false;
    bool m_targetKnown = false;
    // The source cannot read its namespace's /proc/sys here: the panel shows what it reports.
    bool m_reported = false;
    QHash<QString, QString> m_reportedValues;
    QPointer<LiveConnections> m_connections;

    SysctlTreeModel *m_tree;
    QSortFilterProxyModel *m_filter;
    SysctlValuesReader *m_reader;
    SysctlApplier *m_applier;
    SysctlJournalModel *m_journalModel;
    TimelineMarkerModel *m_markers;

    QLineEdit *m_search = nullptr;
    QTreeView *m_treeView = nullptr;
    QTableView *m_journalView = nullptr;
    QLabel *m_journalEmpty = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_revertAll = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_where = nullptr;
    QWidget *m_valueBox = nullptr;
    SysctlValueEditor *m_editor = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_discard = nullptr;
    QPushButton *m_useDefault = nullptr;
    QProgressBar *m_waiting = nullptr;
    QLabel *m_status = nullptr;
    SysctlExplanationView *m_explanation = nullptr;
};

} // namespace TcpLens
