// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagram/statediagrampanel.h"
#include "diagram/statediagramview.h"
#include "diagram/transitionplayer.h"
#include "themecontroller.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <time.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

using S = TcpState;

qint64 monotonicNowNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

ConnectionEvent step(quint64 id, S from, S to, StepKnowledge knowledge)
{
    return {ConnectionEvent::Kind::Transition, id, from, to, 0, knowledge};
}

} // namespace

class TestStateDiagram : public QObject
{
    Q_OBJECT

    qint64 m_nowMs = 0;

    // A panel with the test's clock, shown at `size`.
    std::unique_ptr<StateDiagramPanel> showPanel(QSize size)
    {
        auto panel = std::make_unique<StateDiagramPanel>();
        m_nowMs = 0;
        panel->player()->setClock([this] { return m_nowMs; });
        panel->resize(size);
        panel->show();
        if (!QTest::qWaitForWindowExposed(panel.get()))
            qFatal("the panel was never exposed");
        return panel;
    }

    // A busy moment: counts, a connection's path, and tokens of every kind mid-way.
    void stage(StateDiagramPanel &panel)
    {
        panel.setStateCounts({{S::Listen, 3}, {S::NewSynRecv, 2}, {S::SynSent, 1}, {S::Established, 42},
            {S::TimeWait, 117}, {S::CloseWait, 4}, {S::FinWait2, 1}});
        const qint64 t0 = monotonicNowNs() - 2'000'000'000;
        panel.setHighlightedPath(
            {{S::Close, t0, t0, StepKnowledge::Inferred}, {S::SynSent, t0 + 21'000, t0, StepKnowledge::Exact},
                {S::Established, t0 + 118'000, t0, StepKnowledge::Exact},
                {S::FinWait1, t0 + 2'400'000, t0, StepKnowledge::Exact},
                {S::FinWait2, t0 + 2'480'000, t0, StepKnowledge::Exact},
                {S::TimeWait, t0 + 3'100'000, t0, StepKnowledge::Polled}});
        ConnectionEvents events;
        for (quint64 id = 100; id < 137; ++id)
            events.append(step(id, S::Listen, S::NewSynRecv, StepKnowledge::Exact));
        events.append(step(1, S::SynSent, S::Established, StepKnowledge::Exact));
        events.append(step(2, S::Established, S::CloseWait, StepKnowledge::Polled));
        events.append(step(3, S::FinWait1, S::Closing, StepKnowledge::Inferred));
        events.append(step(4, S::LastAck, S::Close, StepKnowledge::Polled));
        events.append(step(5, S::Established, S::Close, StepKnowledge::Exact));
        events.append(step(6, S::FinWait2, S::TimeWait, StepKnowledge::Inferred));
        for (quint64 id = 200; id < 205; ++id)
            events.append(step(id, S::CloseWait, S::LastAck, StepKnowledge::Exact));
        panel.addEvents(events);
        m_nowMs = TransitionPlayer::BaseTravelMs * 45 / 100;
        panel.player()->advance();
    }

private Q_SLOTS:
    void cleanup() { QApplication::setPalette(QPalette()); }

    void everyStateHasItsOwnBox_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addRow("640x480") << QSize(640, 480);
        QTest::addRow("1280x960") << QSize(1280, 960);
        QTest::addRow("wide") << QSize(1600, 520);
    }

    void everyStateHasItsOwnBox()
    {
        QFETCH(QSize, size);
        auto panel = showPanel(size);
        const StateDiagramView *view = panel->view();
        QList<QRectF> rects;
        for (const auto &description : TcpStateMachine::states()) {
            if (description.state == S::Unknown)
                continue;
            const QRectF rect = view->stateRect(description.state);
            QVERIFY2(!rect.isEmpty(), stateName(description.state).data());
            QVERIFY2(QRectF(view->rect()).contains(rect), stateName(description.state).data());
            QCOMPARE(view->stateAt(rect.center()), description.state);
            for (const QRectF &other : std::as_const(rects))
                QVERIFY2(!rect.intersects(other), stateName(description.state).data());
            rects.append(rect);
        }
        QCOMPARE(rects.size(), TcpStateCount - 1);
    }

    void clickingAStateEmitsIt()
    {
        auto panel = showPanel({640, 480});
        StateDiagramView *view = panel->view();
        QSignalSpy clicked(panel.get(), &StateDiagramPanel::stateClicked);
        QTest::mouseClick(view, Qt::LeftButton, {}, view->stateRect(S::Established).center().toPoint());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.constFirst().constFirst().value<TcpState>(), S::Established);
        // Between the boxes nothing is clicked.
        const QRectF listen = view->stateRect(S::Listen);
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(int(listen.left()) - 40, int(listen.bottom()) + 4));
        QCOMPARE(clicked.size(), 1);
    }

    void edgesAreFoundAndExplained_data()
    {
        QTest::addColumn<int>("index");
        const auto edges = TcpStateMachine::transitions();
        for (std::size_t i = 0; i < edges.size(); ++i) {
            // NEW_SYN_RECV and SYN_RECV share their ss name: the number tells the edges apart.
            QTest::addRow("%d %s->%s", int(i), stateName(edges[i].from).data(), stateName(edges[i].to).data())
                << int(i);
        }
    }

    void edgesAreFoundAndExplained()
    {
        QFETCH(int, index);
        const TcpTransition &edge = TcpStateMachine::transitions()[std::size_t(index)];
        auto panel = showPanel({640, 480});
        StateDiagramView *view = panel->view();
        const QPointF middle = view->edgePoint(&edge, 0.5);
        QVERIFY(QRectF(view->rect()).contains(middle));
        QCOMPARE(view->stateAt(middle), S::Unknown);
        if (edge.path == TransitionPath::Abort) {
            // Aborts are drawn only while used: a token on them, or the selected connection's path.
            QCOMPARE(view->edgeAt(middle), nullptr);
            panel->setHighlightedPath({{edge.from, 1, 1, StepKnowledge::Exact}, {edge.to, 2, 1, StepKnowledge::Exact}});
        }
        QCOMPARE(view->edgeAt(middle), &edge);

        const QString tip = StateDiagramView::edgeToolTip(edge);
        QVERIFY2(tip.contains(TcpStateMachine::eventText(edge).toHtmlEscaped()), qPrintable(tip));
        // The details' arrows are UTF-8: read as Latin-1 they showed as "â†’".
        QVERIFY2(tip.contains(TcpStateMachine::kernelText(edge).toHtmlEscaped()), qPrintable(tip));
        QVERIFY2(!tip.contains(u'\u00e2'), qPrintable(tip));
        for (const auto sysctl : edge.sysctls)
            QVERIFY2(tip.contains(QString(sysctl)), qPrintable(tip));
        for (const auto counter : edge.counters)
            QVERIFY2(tip.contains(QString(counter)), qPrintable(tip));
    }

    void statesAreExplained()
    {
        auto panel = showPanel({640, 480});
        panel->setStateCounts({{S::NewSynRecv, 7}, {S::TimeWait, 12}});
        const QString timeWait = panel->view()->stateToolTip(S::TimeWait);
        QVERIFY(timeWait.contains(QString(TcpStateMachine::describe(S::TimeWait).summary)));
        QVERIFY(timeWait.contains(u"12"_s));
        QVERIFY(timeWait.contains(u"net.ipv4.tcp_max_tw_buckets"_s));
        QVERIFY(timeWait.contains(u"TcpExt.TW"_s));
        const QString request = panel->view()->stateToolTip(S::NewSynRecv);
        QVERIFY(request.contains(u"request socket"_s));
        QVERIFY(request.contains(u"7"_s));
        // The abort edges, not drawn, are told by the state they leave.
        QVERIFY(panel->view()->stateToolTip(S::SynSent).contains(u"tcp_syn_retries"_s));
    }

    void pathShowsWhenEachStateWasEntered()
    {
        auto panel = showPanel({640, 480});
        const qint64 t0 = monotonicNowNs() - 5'000'000'000;
        panel->setHighlightedPath(
            {{S::Close, t0, t0, StepKnowledge::Inferred}, {S::SynSent, t0 + 100'000, t0, StepKnowledge::Exact},
                {S::Established, t0 + 412'000, t0, StepKnowledge::Exact},
                {S::FinWait1, t0 + 1'500'000'000, t0, StepKnowledge::Exact}});
        const QStringList labels = panel->view()->pathTimeLabels();
        QCOMPARE(labels.size(), 4);
        QVERIFY2(QTime::fromString(labels[0], u"hh:mm:ss.zzz"_s).isValid(), qPrintable(labels[0]));
        // Written as everywhere else (Formatting::duration()), since the first step.
        QCOMPARE(labels[1], u"+100 µs"_s);
        QCOMPARE(labels[2], u"+412 µs"_s);
        QCOMPARE(labels[3], u"+1.5 s"_s);
        panel->setHighlightedPath({});
        QVERIFY(panel->view()->pathTimeLabels().isEmpty());
    }

    void relatedStatesAreTintedAndExplained()
    {
        auto panel = showPanel({640, 480});
        StateDiagramView *view = panel->view();
        const auto fillOf = [view](S state) {
            // Left of the centred name, inside the border: the box's fill.
            const QRectF box = view->stateRect(state);
            return view->grab().toImage().pixelColor(int(box.left() + box.width() * 0.08), int(box.center().y()));
        };
        const QColor plain = fillOf(S::FinWait2);
        QCOMPARE(plain, fillOf(S::CloseWait));

        const QString caption = u"States net.ipv4.tcp_fin_timeout governs"_s;
        panel->setHighlightedStates({S::FinWait2}, caption);
        QCOMPARE(view->highlightedStates(), QList<S>{S::FinWait2});
        QVERIFY(fillOf(S::FinWait2) != plain);
        QCOMPARE(fillOf(S::CloseWait), plain);
        QVERIFY(view->stateToolTip(S::FinWait2).contains(caption));
        QVERIFY(!view->stateToolTip(S::CloseWait).contains(caption));

        panel->setHighlightedStates({});
        QVERIFY(view->highlightedStates().isEmpty());
        QVERIFY(view->highlightCaption().isEmpty());
        QCOMPARE(fillOf(S::FinWait2), plain);
    }

    void tokensTravelAndTheClockStops()
    {
        auto panel = showPanel({640, 480});
        StateDiagramView *view = panel->view();
        const TcpTransition *reset = TcpStateMachine::transition(S::Established, S::Close);
        const QPointF middle = view->edgePoint(reset, 0.5);
        QCOMPARE(view->edgeAt(middle), nullptr);
        panel->addEvents({step(1, S::Established, S::Close, StepKnowledge::Exact),
            {ConnectionEvent::Kind::Closed, 1, S::Close, S::Close, 0, StepKnowledge::Exact}});
        QCOMPARE(view->tokensInFlight(), 1);
        QVERIFY(panel->player()->isAnimating());
        QCOMPARE(view->edgeAt(middle), reset); // shown while its token travels
        m_nowMs = TransitionPlayer::BaseTravelMs + 1;
        panel->player()->advance();
        QCOMPARE(view->tokensInFlight(), 0);
        QVERIFY(!panel->player()->isAnimating());
        QCOMPARE(view->edgeAt(middle), nullptr);
    }

    void playbackControls()
    {
        auto panel = showPanel({640, 480});
        panel->setPlaybackRate(0.05);
        QCOMPARE(panel->player()->rate(), 0.05);
        panel->togglePaused();
        QVERIFY(panel->player()->isPaused());
        panel->addEvents({step(1, S::Close, S::SynSent, StepKnowledge::Exact)});
        QCOMPARE(panel->player()->waitingCount(), 1);
        panel->stepForward();
        QCOMPARE(panel->view()->tokensInFlight(), 1);
        panel->stepBackward();
        QCOMPARE(panel->player()->waitingCount(), 1);
        panel->togglePaused();
        QVERIFY(!panel->player()->isPaused());
    }

    // Renders the panel mid-animation in a light and a dark palette. With TCPLENS_DIAGRAM_PNG_DIR set,
    // the images are written there (diagram-light.png, diagram-dark.png) for a person to look at.
    void rendersInLightAndDark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QSize>("size");
        QTest::addRow("light") << false << QSize(640, 480);
        QTest::addRow("dark") << true << QSize(640, 480);
        QTest::addRow("light-large") << false << QSize(1280, 900);
        QTest::addRow("dark-wide") << true << QSize(1500, 520);
    }

    void rendersInLightAndDark()
    {
        QFETCH(bool, dark);
        QFETCH(QSize, size);
        if (dark)
            QApplication::setPalette(ThemeController::darkPalette());
        auto panel = showPanel(size);
        stage(*panel);
        QVERIFY(panel->view()->tokensInFlight() > 0);
        const QImage image = panel->grab().toImage();
        QCOMPARE(image.size(), size * panel->devicePixelRatio());

        // The background follows the palette, and text is drawn in the palette's text colour.
        const QImage view = panel->view()->grab().toImage();
        const QColor background = view.pixelColor(view.width() / 2, view.height() - 2);
        QCOMPARE(background.lightness() < 128, dark);
        const QRectF estab = panel->view()->stateRect(S::Established);
        bool textFound = false;
        const QColor text = panel->view()->palette().color(QPalette::Text);
        for (int x = int(estab.left()); x < int(estab.right()) && !textFound; ++x) {
            for (int y = int(estab.top()); y < int(estab.bottom()) && !textFound; ++y) {
                const QColor pixel = view.pixelColor(x, y);
                textFound = qAbs(pixel.lightness() - text.lightness()) < 40 &&
                    qAbs(pixel.lightness() - background.lightness()) > 100;
            }
        }
        QVERIFY(textFound);

        const QString folder = qEnvironmentVariable("TCPLENS_DIAGRAM_PNG_DIR");
        if (!folder.isEmpty()) {
            const QString name = u"diagram-%1.png"_s.arg(QString::fromLatin1(QTest::currentDataTag()));
            QVERIFY(image.save(QDir(folder).filePath(name)));
        }
    }
};

QTEST_MAIN(TestStateDiagram)
#include "tst_statediagram.moc"
