// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "problemfilterbar.h"

#include "elidedlabel.h"
#include "models/connectionfilterproxy.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace TcpLens {

using namespace Qt::StringLiterals;

ProblemFilterBar::ProblemFilterBar(ConnectionFilterProxy *proxy, QWidget *parent)
    : QWidget(parent)
    , m_proxy(proxy)
    // A narrow table (the Lab dock beside it) ends the problem's title with "…", never the button.
    , m_label(new ElidedLabel(this))
{
    setObjectName(u"problemFilterBar"_s);
    // The window's highlight, faint: it reads as a state of the table, not as a warning.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 2, 2);
    m_label->setObjectName(u"problemFilterText"_s);
    layout->addWidget(m_label, 1);
    auto *clear = new QPushButton(QIcon::fromTheme(u"edit-clear"_s), tr("Clear"), this);
    clear->setObjectName(u"problemFilterClear"_s);
    clear->setToolTip(tr("Show every row again (Esc in the table)"));
    clear->setFlat(true);
    connect(clear, &QPushButton::clicked, proxy, &ConnectionFilterProxy::clearCookieFilter);
    layout->addWidget(clear);
    connect(proxy, &ConnectionFilterProxy::cookieFilterChanged, this, &ProblemFilterBar::showFilter);
    // The count follows the rows as polls add and remove them.
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &ProblemFilterBar::showFilter);
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, &ProblemFilterBar::showFilter);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &ProblemFilterBar::showFilter);
    connect(proxy, &QAbstractItemModel::modelReset, this, &ProblemFilterBar::showFilter);
    showFilter();
}

QString ProblemFilterBar::text() const
{
    return m_label->text();
}

void ProblemFilterBar::showFilter()
{
    setVisible(m_proxy->hasCookieFilter());
    if (!m_proxy->hasCookieFilter())
        return;
    const int rows = m_proxy->rowCount();
    m_label->setText(rows == 0 && m_proxy->cookieFilter().isEmpty()
            ? tr("No rows left of: %1").arg(m_proxy->cookieFilterLabel())
            : tr("%n row(s) of: %1", nullptr, rows).arg(m_proxy->cookieFilterLabel()));
}

} // namespace TcpLens
