// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosisreport.h"

#include <QToolButton>

namespace TcpLens {

class LiveConnections;

// The status bar's "⚠ 2 problems": the diagnosis's count in the worst severity's colour, hidden when
// nothing was found. Clicking it brings the Problems view forward (the window connects clicked()).
class ProblemsStatusButton : public QToolButton
{
    Q_OBJECT
public:
    explicit ProblemsStatusButton(QWidget *parent = nullptr);

    void setConnections(LiveConnections *connections);
    void showReport(const DiagnosisReport &report);

protected:
    void changeEvent(QEvent *event) override;

private:
    DiagnosisReport m_report;
};

} // namespace TcpLens
