// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordcontroller.h"

#include "model/monotonicclock.h"
#include "pipeline/liveconnections.h"
#include "record/recordingwriter.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

namespace TcpLens {

using namespace Qt::StringLiterals;

RecordController::RecordController(LiveConnections *connections, QWidget *window)
    : QObject(window)
    , m_connections(connections)
    , m_window(window)
    , m_action(new QAction(QIcon::fromTheme(u"media-record"_s), tr("&Record…"), this))
    , m_indicator(new QLabel(window))
    , m_clock(new QTimer(this))
{
    m_action->setObjectName(u"recordAction"_s);
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    m_action->setToolTip(tr("Record what this window shows into a file, to replay or export later (Ctrl+Alt+R)"));
    connect(m_action, &QAction::triggered, this, [this](bool checked) {
        if (checked)
            chooseFileAndStart();
        else
            stop();
    });
    m_indicator->setObjectName(u"recordingIndicator"_s);
    m_indicator->hide();
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &RecordController::updateIndicator);
    // A recording holds one source: a new machine, namespace, lab or file ends it.
    connect(m_connections, &LiveConnections::sourceChanged, this, [this] {
        if (isRecording())
            stopBecause(tr("Recording stopped: the window now shows another source."));
    });
    connect(m_connections, &LiveConnections::sourceAttached, this, [this] {
        // A replay is recorded already.
        m_action->setEnabled(m_connections->capabilities().live);
    });
}

RecordController::~RecordController()
{
    if (m_writer)
        m_writer->finish();
}

QString RecordController::path() const
{
    return m_writer ? m_writer->path() : QString();
}

QString RecordController::suggestedPath(const QString &host)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QDir::homePath();
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    const QString name = host.isEmpty() ? u"tcplens-%1.tcplens"_s.arg(stamp) : u"%1-%2.tcplens"_s.arg(host, stamp);
    return QDir(folder).filePath(name);
}

void RecordController::chooseFileAndStart()
{
    QString path = QFileDialog::getSaveFileName(m_window, tr("Record to"),
        suggestedPath(m_connections->description().host), tr("TCP Lens recordings (*.tcplens)"));
    if (path.isEmpty()) {
        m_action->setChecked(false);
        return;
    }
    if (QFileInfo(path).suffix().isEmpty())
        path += u".tcplens"_s;
    // The dialog asked before replacing a file; the writer never overwrites one.
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        m_action->setChecked(false);
        QMessageBox::warning(m_window, tr("Cannot Record"), tr("%1 exists and cannot be replaced.").arg(path));
        return;
    }
    if (auto started = start(path); !started) {
        QMessageBox::warning(m_window, tr("Cannot Record"), started.error());
    }
}

std::expected<void, QString> RecordController::start(const QString &path)
{
    if (m_writer)
        stop();
    auto writer = RecordingWriter::create(path, m_connections->description());
    if (!writer) {
        m_action->setChecked(false);
        return std::unexpected(writer.error());
    }
    m_writer = std::move(*writer);
    connect(m_writer.get(), &RecordingWriter::failed, this,
        [this](const QString &message) { stopBecause(tr("Recording stopped: %1").arg(message)); });
    connect(m_writer.get(), &RecordingWriter::progress, this, &RecordController::updateIndicator);
    m_connections->setSocketDetailsWanted(true);
    m_writer->record(*m_connections);
    m_startedNs = MonotonicClock::nowNs();
    m_action->setChecked(true);
    m_action->setText(tr("Stop &Recording"));
    m_clock->start();
    updateIndicator();
    m_indicator->show();
    Q_EMIT recordingChanged(true, tr("Recording into %1").arg(QDir::toNativeSeparators(path)));
    return {};
}

void RecordController::stop()
{
    if (!m_writer)
        return;
    stopBecause(tr("Recorded into %1").arg(QDir::toNativeSeparators(m_writer->path())));
}

void RecordController::stopBecause(const QString &reason)
{
    if (m_writer) {
        m_writer->finish();
        m_writer.reset();
        m_connections->setSocketDetailsWanted(false);
    }
    m_clock->stop();
    m_indicator->hide();
    m_action->setChecked(false);
    m_action->setText(tr("&Record…"));
    Q_EMIT recordingChanged(false, reason);
}

void RecordController::updateIndicator()
{
    if (!m_writer)
        return;
    const qint64 seconds = (MonotonicClock::nowNs() - m_startedNs) / 1'000'000'000;
    const QString elapsed = u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    //: status bar while recording: a red dot, the time recorded and the file's size
    m_indicator->setText(tr("<span style=\"color:#d32f2f\">●</span> REC %1 · %2")
            .arg(elapsed, QLocale().formattedDataSize(m_writer->statistics().fileBytes, 1)));
    m_indicator->setToolTip(
        tr("Recording into %1 (File → Stop Recording, Ctrl+Alt+R)").arg(QDir::toNativeSeparators(m_writer->path())));
}

} // namespace TcpLens
