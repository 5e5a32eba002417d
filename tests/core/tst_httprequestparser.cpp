// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The exporter's HTTP request parser on requests captured from curl and Prometheus 2.53
// (tests/data/http/), cut at every length, and on hostile ones: a clear status and message each
// time, never a crash, never a request accepted past its limits.
#include "metrics/httprequestparser.h"
#include "metrics/httpresponse.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

QByteArray captured(const QString &name)
{
    QFile file(QFINDTESTDATA(u"data/http/"_s + name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturedRequests_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("accept");
        QTest::addRow("curl GET /metrics") << u"curl-get-metrics.bin"_s << "GET"_ba << "/metrics"_ba << "*/*"_ba;
        QTest::addRow("curl -I /") << u"curl-head-root.bin"_s << "HEAD"_ba << "/"_ba << "*/*"_ba;
        QTest::addRow("Prometheus scrape")
            << u"prometheus-scrape.bin"_s << "GET"_ba << "/metrics"_ba
            << "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
               "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"_ba;
    }

    void capturedRequests()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, accept);
        const QByteArray bytes = captured(file);
        QVERIFY2(!bytes.isEmpty(), qPrintable(file));
        const auto parsed = HttpRequestParser::parse(bytes);
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        QVERIFY(parsed->has_value());
        const HttpRequest &request = **parsed;
        QCOMPARE(request.method, method);
        QCOMPARE(request.path, path);
        QCOMPARE(request.minorVersion, 1);
        QCOMPARE(request.header("accept"), accept);
        QCOMPARE(request.header("host"), "127.0.0.1:9477"_ba);
        QCOMPARE(request.headBytes, bytes.size());
    }

    // A client's bytes arrive in pieces: every prefix asks for more, none is refused.
    void capturedRequestsCut_data() { capturedRequests_data(); }
    void capturedRequestsCut()
    {
        QFETCH(QString, file);
        const QByteArray bytes = captured(file);
        for (qsizetype length = 0; length < bytes.size(); ++length) {
            const auto parsed = HttpRequestParser::parse(bytes.first(length));
            QVERIFY2(
                parsed, qPrintable(u"cut at %1: %2"_s.arg(length).arg(parsed ? QString() : parsed.error().message)));
            QVERIFY2(!parsed->has_value(), qPrintable(u"complete at %1 of %2 bytes"_s.arg(length).arg(bytes.size())));
        }
    }

    void queryIsNotPath()
    {
        const auto parsed = HttpRequestParser::parse("GET /metrics?name[]=x HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(parsed && parsed->has_value());
        QCOMPARE((*parsed)->path, "/metrics"_ba);
        QCOMPARE((*parsed)->target, "/metrics?name[]=x"_ba);
    }

    void http10WithoutHost()
    {
        const auto parsed = HttpRequestParser::parse("GET / HTTP/1.0\r\n\r\n");
        QVERIFY(parsed && parsed->has_value());
        QCOMPARE((*parsed)->minorVersion, 0);
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QByteArray prometheus = captured(u"prometheus-scrape.bin"_s);
        QByteArray nul = prometheus;
        nul[20] = '\0';
        QTest::addRow("NUL in a header") << nul << 400 << u"NUL"_s;
        QTest::addRow("NUL in the request line") << "GET /met\0rics HTTP/1.1\r\n"_ba << 400 << u"NUL"_s;
        QTest::addRow("bare LF") << "GET / HTTP/1.1\nHost: a\n\n"_ba << 400 << u"bare CR or LF"_s;
        QTest::addRow("bare CR") << "GET / HTTP/1.1\rHost: a\r\n\r\n"_ba << 400 << u"bare CR or LF"_s;
        QTest::addRow("two spaces") << "GET  / HTTP/1.1\r\n\r\n"_ba << 400 << u"METHOD TARGET"_s;
        QTest::addRow("no version") << "GET /\r\n\r\n"_ba << 400 << u"METHOD TARGET"_s;
        QTest::addRow("trailing space") << "GET / HTTP/1.1 \r\n\r\n"_ba << 400 << u"METHOD TARGET"_s;
        QTest::addRow("method not a token") << "G(T / HTTP/1.1\r\n\r\n"_ba << 400 << u"method"_s;
        QTest::addRow("absolute-form") << "GET http://a/metrics HTTP/1.1\r\nHost: a\r\n\r\n"_ba << 400 << u"target"_s;
        QTest::addRow("asterisk") << "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"_ba << 400 << u"target"_s;
        QTest::addRow("control byte in target") << "GET /\x01 HTTP/1.1\r\n\r\n"_ba << 400 << u"target"_s;
        QTest::addRow("UTF-8 in target") << "GET /\xc3\xa9 HTTP/1.1\r\n\r\n"_ba << 400 << u"target"_s;
        QTest::addRow("lower-case version") << "GET / http/1.1\r\n\r\n"_ba << 400 << u"version"_s;
        QTest::addRow("HTTP/1.10") << "GET / HTTP/1.10\r\n\r\n"_ba << 400 << u"version"_s;
        QTest::addRow("HTTP/2.0") << "GET / HTTP/2.0\r\nHost: a\r\n\r\n"_ba << 505 << u"HTTP/1.0 and HTTP/1.1"_s;
        QTest::addRow("HTTP/2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << 400 << u"target"_s;
        QTest::addRow("TLS hello") << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"_ba << 400 << u""_s;
        QTest::addRow("space before colon") << "GET / HTTP/1.1\r\nHost : a\r\n\r\n"_ba << 400 << u"NAME: VALUE"_s;
        QTest::addRow("no colon") << "GET / HTTP/1.1\r\nHost a\r\n\r\n"_ba << 400 << u"NAME: VALUE"_s;
        QTest::addRow("empty name") << "GET / HTTP/1.1\r\n: a\r\n\r\n"_ba << 400 << u"NAME: VALUE"_s;
        QTest::addRow("obs-fold") << "GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n"_ba << 400 << u"folding"_s;
        QTest::addRow("control in value") << "GET / HTTP/1.1\r\nHost: a\x7f\r\n\r\n"_ba << 400 << u"control"_s;
        QTest::addRow("no Host in 1.1") << "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"_ba << 400 << u"Host"_s;
        QTest::addRow("two Hosts") << "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << 400
                                   << u"more than one Host"_s;
        QTest::addRow("body by length") << "POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"_ba
                                        << 400 << u"Content-Length"_s;
        QTest::addRow("chunked body") << "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 400
                                      << u"Transfer-Encoding"_s;
        QTest::addRow("long request line") << "GET /" + QByteArray(3000, 'a') + " HTTP/1.1\r\n\r\n"
                                           << 431 << u"request line"_s;
        QTest::addRow("long request line, unfinished") << "GET /" + QByteArray(3000, 'a') << 431 << u"request line"_s;
        QByteArray manyHeaders = "GET / HTTP/1.1\r\nHost: a\r\n"_ba;
        for (int i = 0; i < 70; ++i)
            manyHeaders += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::addRow("too many headers") << manyHeaders + "\r\n" << 431 << u"header fields"_s;
        QTest::addRow("too many headers, unfinished") << manyHeaders << 431 << u"header fields"_s;
        const QByteArray bigHeader = "GET / HTTP/1.1\r\nHost: a\r\nCookie: " + QByteArray(9000, 'c');
        QTest::addRow("oversized header, unfinished") << bigHeader << 431 << u"request head"_s;
        QTest::addRow("oversized header") << bigHeader + "\r\n\r\n" << 431 << u"request head"_s;
    }

    void hostile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(QString, message);
        const auto parsed = HttpRequestParser::parse(bytes);
        QVERIFY2(!parsed, "accepted");
        QCOMPARE(parsed.error().status, status);
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
        // The answer the server sends for it is a complete HTTP response with that status.
        const QByteArray response = HttpResponse::text(status, parsed.error().message.toUtf8()).encode();
        QVERIFY(response.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')));
        QVERIFY(response.contains("\r\nConnection: close\r\n"));
    }

    // Every prefix of every hostile request either waits for more or fails; none is accepted.
    void hostileCut_data() { hostile_data(); }
    void hostileCut()
    {
        QFETCH(QByteArray, bytes);
        for (qsizetype length = 0; length <= bytes.size(); ++length) {
            const auto parsed = HttpRequestParser::parse(bytes.first(length));
            QVERIFY2(!parsed || !parsed->has_value(), qPrintable(u"accepted at %1 bytes"_s.arg(length)));
        }
    }

    void response()
    {
        HttpResponse head;
        head.body = "abc";
        head.headOnly = true;
        QCOMPARE(head.encode(),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\n"
            "Connection: close\r\nCache-Control: no-store\r\n\r\n"_ba);
        HttpResponse notAllowed = HttpResponse::text(405, "no");
        notAllowed.extraHeaders.append(std::pair<QByteArray, QByteArray>("Allow", "GET, HEAD"));
        QCOMPARE(notAllowed.encode(),
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\n"
            "Connection: close\r\nCache-Control: no-store\r\nAllow: GET, HEAD\r\n\r\nno\n"_ba);
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
