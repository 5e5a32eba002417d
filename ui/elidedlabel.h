// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QLabel>

namespace TcpLens {

// A one-line label that gives way on a small screen: it asks for no width of its own and, when
// narrower than its text, ends it with "…" instead of cutting a word in two. The tooltip shows the
// whole text unless one was set.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace TcpLens
