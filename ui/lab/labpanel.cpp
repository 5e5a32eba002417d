// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labpanel.h"

#include "i18n/displaylanguage.h"
#include "lab/labrunmodel.h"
#include "lab/labscenariocatalog.h"
#include "lab/labscenarioparser.h"
#include "pipeline/labsource.h"
#include "pipeline/liveconnections.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
constexpr int NameRole = Qt::UserRole + 1;
constexpr int SummaryRole = Qt::UserRole + 2;
constexpr int LessonRole = Qt::UserRole + 3;

QToolButton *toolButtonFor(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return button;
}
} // namespace

LabPanel::LabPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new LabRunModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto *chooser = new QHBoxLayout;
    m_scenarios = new QComboBox(this);
    m_scenarios->setObjectName(u"labScenarios"_s);
    m_scenarios->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scenarios->setMinimumContentsLength(18);
    m_scenarios->setToolTip(tr("The lessons' scenarios. Each runs in a network namespace of its own; "
                               "nothing of this machine's network is touched."));
    m_startButton = new QPushButton(QIcon::fromTheme(u"system-run"_s), tr("Start Lab"), this);
    m_startButton->setObjectName(u"labStart"_s);
    chooser->addWidget(m_scenarios, 1);
    chooser->addWidget(m_startButton);
    layout->addLayout(chooser);

    m_lesson = new QLabel(this);
    m_lesson->setObjectName(u"labLesson"_s);
    m_lesson->setWordWrap(true);
    m_lesson->setTextFormat(Qt::RichText);
    layout->addWidget(m_lesson);

    m_playAction = new QAction(QIcon::fromTheme(u"media-playback-start"_s), tr("Play"), this);
    m_playAction->setObjectName(u"labPlay"_s);
    m_playAction->setShortcut(QKeySequence(Qt::Key_F8));
    m_playAction->setToolTip(tr("Run the steps one after another (F8); again to pause after this step"));
    m_stepAction = new QAction(QIcon::fromTheme(u"go-next"_s), tr("Step"), this);
    m_stepAction->setObjectName(u"labStep"_s);
    m_stepAction->setShortcut(QKeySequence(Qt::Key_F10));
    m_stepAction->setToolTip(tr("Run the next step, then wait (F10)"));
    m_resetAction = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("Reset"), this);
    m_resetAction->setObjectName(u"labReset"_s);
    m_resetAction->setShortcut(QKeySequence(u"Ctrl+Shift+F8"_s));
    m_resetAction->setToolTip(tr("Close the lab's sockets, put its sysctls back and start from the first "
                                 "step (Ctrl+Shift+F8)"));
    for (QAction *action : {m_playAction, m_stepAction, m_resetAction})
        action->setShortcutContext(Qt::WindowShortcut);
    auto *controls = new QHBoxLayout;
    controls->addWidget(toolButtonFor(m_playAction, this));
    controls->addWidget(toolButtonFor(m_stepAction, this));
    controls->addWidget(toolButtonFor(m_resetAction, this));
    controls->addStretch(1);
    m_status = new QLabel(this);
    m_status->setObjectName(u"labStatus"_s);
    controls->addWidget(m_status);
    layout->addLayout(controls);

    m_narration = new QTextBrowser(this);
    m_narration->setObjectName(u"labNarration"_s);
    m_narration->setOpenExternalLinks(false);
    m_narration->setMinimumHeight(90);
    layout->addWidget(m_narration, 2);

    m_steps = new QTreeView(this);
    m_steps->setObjectName(u"labSteps"_s);
    m_steps->setModel(m_model);
    m_steps->setAlternatingRowColors(true);
    m_steps->setWordWrap(true);
    m_steps->setUniformRowHeights(false);
    m_steps->header()->setStretchLastSection(false);
    m_steps->header()->setSectionResizeMode(LabRunModel::ClaimColumn, QHeaderView::Stretch);
    m_steps->header()->setSectionResizeMode(LabRunModel::ObservedColumn, QHeaderView::Interactive);
    m_steps->header()->setSectionResizeMode(LabRunModel::VerdictColumn, QHeaderView::ResizeToContents);
    m_steps->header()->resizeSection(LabRunModel::ObservedColumn, 150);
    layout->addWidget(m_steps, 3);

    connect(m_startButton, &QPushButton::clicked, this, [this] {
        if (m_lab)
            Q_EMIT leaveRequested();
        else if (m_scenarios->currentIndex() >= 0)
            Q_EMIT startRequested(m_scenarios->currentData(NameRole).toString(), m_scenarios->currentText());
    });
    connect(m_scenarios, &QComboBox::currentIndexChanged, this, &LabPanel::showScenario);
    connect(m_playAction, &QAction::triggered, this, [this] {
        if (!m_lab)
            return;
        if (m_playing)
            m_lab->pause();
        else
            m_lab->play();
    });
    connect(m_stepAction, &QAction::triggered, this, [this] {
        if (m_lab)
            m_lab->step();
    });
    connect(m_resetAction, &QAction::triggered, this, [this] {
        if (!m_lab)
            return;
        m_model->clearVerdicts();
        m_finished = false;
        m_lab->reset();
    });
    connect(m_steps->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        // Reading back: a click on an earlier step shows its narration again.
        if (!current.isValid())
            return;
        const int step = current.data(LabRunModel::StepIndexRole).toInt();
        m_narration->setHtml(
            u"<h3>%1</h3><p>%2</p>"_s.arg(tr("Step %1: %2").arg(step + 1).arg(m_model->stepTitle(step).toHtmlEscaped()),
                m_model->stepNarration(step).toHtmlEscaped().replace(u'\n', u"<br>"_s)));
    });

    loadScenarioList();
    updateActions();
}

LabPanel::~LabPanel() = default;

void LabPanel::setConnections(LiveConnections *connections)
{
    m_connections = connections;
    connect(connections, &LiveConnections::sourceAttached, this, &LabPanel::followSource);
    followSource();
}

QString LabPanel::selectedScenario() const
{
    return m_scenarios->currentData(NameRole).toString();
}

bool LabPanel::selectScenario(const QString &name)
{
    const int found = m_scenarios->findData(name, NameRole);
    if (found < 0)
        return false;
    m_scenarios->setCurrentIndex(found);
    return true;
}

QList<QAction *> LabPanel::runActions() const
{
    return {m_playAction, m_stepAction, m_resetAction};
}

void LabPanel::loadScenarioList()
{
    const LabScenarioCatalog catalog = LabScenarioCatalog::load();
    const QString locale = DisplayLanguage::current();
    for (const LabScenarioCatalog::Entry &entry : catalog.entries()) {
        QFile file(entry.path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        auto scenario = LabScenarioParser::parse(file.readAll(), locale);
        if (!scenario) {
            // A teacher's broken file is listed with its error rather than hidden.
            m_scenarios->addItem(tr("%1 (does not parse)").arg(entry.name));
            const int row = m_scenarios->count() - 1;
            m_scenarios->setItemData(row, entry.name, NameRole);
            m_scenarios->setItemData(row, scenario.error(), SummaryRole);
            continue;
        }
        m_scenarios->addItem(scenario->title.isEmpty() ? entry.name : scenario->title);
        const int row = m_scenarios->count() - 1;
        m_scenarios->setItemData(row, entry.name, NameRole);
        m_scenarios->setItemData(row, scenario->summary, SummaryRole);
        m_scenarios->setItemData(row,
            scenario->lessonSeed.isEmpty() ? QString()
                                           : tr("Lesson %1 · %2").arg(scenario->lessonSeed, scenario->lessonSection),
            LessonRole);
        m_scenarios->setItemData(row, u"%1\n%2"_s.arg(entry.name, scenario->summary), Qt::ToolTipRole);
    }
    showScenario();
}

void LabPanel::showLesson(const QString &lesson, const QString &summary)
{
    m_lesson->setText(lesson.isEmpty() ? summary.toHtmlEscaped()
                                       : u"<b>%1</b><br>%2"_s.arg(lesson.toHtmlEscaped(), summary.toHtmlEscaped()));
}

void LabPanel::showLoadedScenario(const QJsonObject &scenario)
{
    // The lab may have been opened from the command line or the menu: the list shows what runs.
    {
        const QSignalBlocker blocker(m_scenarios);
        selectScenario(scenario.value("name"_L1).toString());
    }
    const QJsonObject lesson = scenario.value("lesson"_L1).toObject();
    const QString seed = lesson.value("seed"_L1).toString();
    showLesson(seed.isEmpty() ? QString() : tr("Lesson %1 · %2").arg(seed, lesson.value("section"_L1).toString()),
        scenario.value("summary"_L1).toString());
}

void LabPanel::showScenario()
{
    if (m_lab)
        return;
    showLesson(m_scenarios->currentData(LessonRole).toString(), m_scenarios->currentData(SummaryRole).toString());
    m_narration->setHtml(tr("<p>Choose a lesson above and press <b>Start Lab</b>. TCP Lens makes a network "
                            "namespace of its own for it, runs the lesson's programs there on this "
                            "kernel, and shows, for every claim of the lesson, what this kernel did.</p>"
                            "<p>The table, the diagram and the charts then watch the lab instead of "
                            "this machine, until you leave the lab.</p>"));
}

void LabPanel::followSource()
{
    if (m_lab)
        disconnect(m_lab, nullptr, this, nullptr);
    m_lab = m_connections ? qobject_cast<LabSource *>(m_connections->source()) : nullptr;
    m_playing = false;
    m_finished = false;
    m_status->clear();
    if (!m_lab) {
        m_model->setScenario({});
        m_startButton->setText(tr("Start Lab"));
        m_startButton->setIcon(QIcon::fromTheme(u"system-run"_s));
        m_scenarios->setEnabled(true);
        showScenario();
        updateActions();
        return;
    }
    m_startButton->setText(tr("Leave Lab"));
    m_startButton->setIcon(QIcon::fromTheme(u"go-home"_s));
    m_scenarios->setEnabled(false);
    m_narration->setHtml(tr("<p>Making the lab's network namespace…</p>"));
    connect(m_lab, &LabSource::scenarioLoaded, this, [this](const QJsonObject &scenario) {
        m_model->setScenario(scenario);
        showLoadedScenario(scenario);
        m_steps->expandAll();
        m_narration->setHtml(tr("<p>The lab is ready: %1 steps. Press <b>Play</b> (F8) to run them, or "
                                "<b>Step</b> (F10) to take one at a time.</p>")
                .arg(m_model->stepCount()));
        updateActions();
    });
    connect(m_lab, &LabSource::stepStarted, this, &LabPanel::showStep);
    connect(m_lab, &LabSource::expectationReported, m_model, &LabRunModel::report);
    connect(m_lab, &LabSource::expectationReported, this, [this] {
        m_status->setText(tr("%1 held · %2 disagree")
                .arg(m_model->count(LabRunModel::Verdict::Pass))
                .arg(m_model->count(LabRunModel::Verdict::Fail)));
    });
    connect(m_lab, &LabSource::runStateChanged, this, &LabPanel::showRunState);
    connect(m_lab, &LabSource::runFinished, this, &LabPanel::showFinished);
    connect(m_lab, &LabSource::failed, this, [this](const QString &message) {
        m_narration->append(u"<p style='color:#c0392b'>%1</p>"_s.arg(message.toHtmlEscaped()));
    });
    if (!m_lab->scenario().isEmpty()) {
        m_model->setScenario(m_lab->scenario());
        showLoadedScenario(m_lab->scenario());
    }
    updateActions();
}

void LabPanel::showStep(int index, const QString &title, const QString &narration)
{
    m_model->setCurrentStep(index);
    const QModelIndex row = m_model->stepIndex(index);
    m_steps->scrollTo(row);
    m_narration->setHtml(u"<h3>%1</h3><p>%2</p>"_s.arg(
        tr("Step %1 of %2: %3").arg(index + 1).arg(m_model->stepCount()).arg(title.toHtmlEscaped()),
        narration.toHtmlEscaped().replace(u'\n', u"<br>"_s)));
}

void LabPanel::showRunState(bool playing, int step, bool finished)
{
    m_playing = playing;
    m_finished = finished;
    if (step >= 0)
        m_model->setCurrentStep(step);
    updateActions();
}

void LabPanel::showFinished(bool passed, int failed, int skipped)
{
    m_finished = true;
    m_playing = false;
    QString text = passed ? tr("Done: this kernel did what every claim says.")
                          : tr("Done: this kernel disagrees with %n claim(s).", nullptr, failed);
    if (skipped > 0)
        text += u' ' + tr("%n claim(s) skipped.", nullptr, skipped);
    m_status->setText(text);
    updateActions();
}

void LabPanel::updateActions()
{
    const bool loaded = m_lab && m_model->stepCount() > 0;
    m_playAction->setEnabled(loaded && !m_finished);
    m_stepAction->setEnabled(loaded && !m_playing && !m_finished);
    m_resetAction->setEnabled(loaded);
    m_playAction->setText(m_playing ? tr("Pause") : tr("Play"));
    m_playAction->setIcon(QIcon::fromTheme(m_playing ? u"media-playback-pause"_s : u"media-playback-start"_s));
    m_startButton->setEnabled(m_lab || m_scenarios->count() > 0);
}

} // namespace TcpLens
