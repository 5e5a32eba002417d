// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosisreport.h"

#include <QTextBrowser>

namespace TcpLens {

class LiveConnections;

// "Why is it here?": the diagnosis's reading of one socket (LiveConnections::explain()), a sentence
// at a time, each followed by the facts it rests on. Sysctls, counters and states are links
// (tcplens:sysctl/KEY, tcplens:counter/NAME, tcplens:state/NAME) whose tooltip is the catalogs'
// explanation; a sysctl's link asks for the Sysctls panel at that key. Renewed with every diagnosis.
class ReadingView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ReadingView(QWidget *parent = nullptr);

    void setConnections(LiveConnections *connections);
    // The socket to read; 0 for none.
    void setCookie(quint64 cookie);
    quint64 cookie() const { return m_cookie; }
    // Paused, the reading holds still with the table; it catches up on resume.
    void setPaused(bool paused);
    const SocketReading &reading() const { return m_reading; }

    // The catalogs' explanation behind a tcplens: link, as rich text; empty for an unknown one.
    static QString linkExplanation(const QString &link);
    // The link to an evidence's explanation, or empty when it has none.
    static QString evidenceLink(const DiagnosisEvidence &evidence);

Q_SIGNALS:
    // A sysctl's link was clicked: show it in the Sysctls panel.
    void sysctlRequested(const QString &key);

protected:
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void renew();
    void render();
    void openLink(const QUrl &url);
    QString html() const;

    LiveConnections *m_connections = nullptr;
    quint64 m_cookie = 0;
    SocketReading m_reading;
    bool m_paused = false;
    bool m_waiting = false; // asked for the cookie's reading, not answered yet
};

} // namespace TcpLens
