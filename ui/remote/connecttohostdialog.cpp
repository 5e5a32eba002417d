// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connecttohostdialog.h"

#include "pipeline/remotesource.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

const QString RecentHostsKey = u"remote/recentHosts"_s;

} // namespace

ConnectToHostDialog::ConnectToHostDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect to Host"));
    m_host = new QComboBox(this);
    m_host->setObjectName(u"host"_s);
    m_host->setEditable(true);
    m_host->setInsertPolicy(QComboBox::NoInsert);
    m_host->addItems(recentHosts());
    m_host->lineEdit()->setPlaceholderText(tr("user@host:port"));
    m_host->setMinimumContentsLength(28);

    auto *explanation =
        new QLabel(tr("<p>TCP Lens runs <code>ssh HOST tcplens agent</code> and shows that machine's connections. "
                      "The host needs TCP Lens installed and a login with your ssh key or agent (no password prompt). "
                      "Run as root there, or with CAP_NET_ADMIN, the agent sees every socket.</p>"),
            this);
    explanation->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"problem"_s);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_host, &QComboBox::editTextChanged, this, &ConnectToHostDialog::validate);

    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    validate();
}

QString ConnectToHostDialog::destination() const
{
    return m_host->currentText().trimmed();
}

void ConnectToHostDialog::validate()
{
    const QString text = destination();
    const bool valid = RemoteSource::parseDestination(text).has_value();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_problem->setText(valid || text.isEmpty()
            ? QString()
            : tr("Not a host: write [user@]host[:port], an IPv6 address in brackets ([::1]:22)."));
}

QStringList ConnectToHostDialog::recentHosts()
{
    return QSettings().value(RecentHostsKey).toStringList();
}

void ConnectToHostDialog::rememberHost(const QString &destination)
{
    QStringList hosts = recentHosts();
    hosts.removeAll(destination);
    hosts.prepend(destination);
    while (hosts.size() > MaximumRecentHosts)
        hosts.removeLast();
    QSettings().setValue(RecentHostsKey, hosts);
}

} // namespace TcpLens
