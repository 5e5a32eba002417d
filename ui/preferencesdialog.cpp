// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "preferencesdialog.h"

#include "i18n/displaylanguage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

PreferencesDialog::PreferencesDialog(const AppPreferences &preferences, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    auto *form = new QFormLayout;

    m_interval = new QSpinBox(this);
    m_interval->setObjectName(u"pollInterval"_s);
    m_interval->setRange(50, 60'000);
    m_interval->setSingleStep(50);
    m_interval->setSuffix(tr(" ms"));
    m_interval->setValue(preferences.pollIntervalMs);
    m_interval->setToolTip(tr("How often the kernel's sockets are dumped. Faster shows more steps as polled "
                              "instead of inferred; on a machine with 100,000 sockets a dump takes about "
                              "0.1 s, and TCP Lens slows down by itself when dumps take too long."));
    form->addRow(tr("&Poll interval:"), m_interval);

    m_retention = new QSpinBox(this);
    m_retention->setObjectName(u"closedRetention"_s);
    m_retention->setRange(0, 3600);
    m_retention->setSuffix(tr(" s"));
    m_retention->setValue(preferences.closedRetentionSeconds);
    m_retention->setToolTip(tr("How long a closed connection stays available for its timeline and path."));
    form->addRow(tr("Keep closed connections &for:"), m_retention);

    m_maxClosed = new QSpinBox(this);
    m_maxClosed->setObjectName(u"maxClosed"_s);
    m_maxClosed->setRange(0, 100'000);
    m_maxClosed->setSingleStep(1000);
    m_maxClosed->setValue(preferences.maxClosedConnections);
    m_maxClosed->setToolTip(tr("At most this many closed connections are kept, the oldest go first: "
                               "memory stays bounded under heavy churn."));
    m_maxClosed->setSuffix(tr(" connections"));
    form->addRow(tr("Keep at &most:"), m_maxClosed);

    m_exact = new QCheckBox(tr("Read &exact transitions from the kernel when permitted"), this);
    m_exact->setObjectName(u"exactTransitions"_s);
    m_exact->setChecked(preferences.exactWhenPermitted);
    m_exact->setToolTip(tr("Uses the tracepoint sock:inet_sock_set_state through perf_event_open. Needs "
                           "CAP_PERFMON (or root); without it TCP Lens polls and infers the steps in between."));
    form->addRow(QString(), m_exact);

    m_theme = new QComboBox(this);
    m_theme->setObjectName(u"theme"_s);
    m_theme->addItem(tr("Follow the system"), int(AppPreferences::Theme::System));
    m_theme->addItem(tr("Light"), int(AppPreferences::Theme::Light));
    m_theme->addItem(tr("Dark"), int(AppPreferences::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(preferences.theme)));
    form->addRow(tr("&Theme:"), m_theme);

    m_language = new QComboBox(this);
    m_language->setObjectName(u"language"_s);
    m_language->addItem(
        tr("Follow the system (%1)").arg(DisplayLanguage::nativeName(DisplayLanguage::fromSystem())), QString());
    for (const QString &language : DisplayLanguage::available())
        m_language->addItem(DisplayLanguage::nativeName(language), language);
    m_language->setCurrentIndex(std::max(0, m_language->findData(preferences.language)));
    m_language->setToolTip(tr("The language of the window, the explanations and the lessons. Following the "
                              "system means LANGUAGE, LC_ALL, LC_MESSAGES or LANG; --lang chooses for one run."));
    form->addRow(tr("&Language:"), m_language);
    auto *restartNote = new QLabel(tr("A new language takes effect when TCP Lens starts again."), this);
    restartNote->setObjectName(u"languageNote"_s);
    restartNote->setWordWrap(true);
    restartNote->setEnabled(false);
    form->addRow(QString(), restartNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

AppPreferences PreferencesDialog::preferences() const
{
    AppPreferences result;
    result.pollIntervalMs = m_interval->value();
    result.closedRetentionSeconds = m_retention->value();
    result.maxClosedConnections = m_maxClosed->value();
    result.exactWhenPermitted = m_exact->isChecked();
    result.theme = AppPreferences::Theme(m_theme->currentData().toInt());
    result.language = m_language->currentData().toString();
    return result;
}

} // namespace TcpLens
