// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The streaming JSON writer: escaping of hostile text (control characters, quotes, lone surrogates),
// the two layouts, numbers at their limits, text cut into the sink's chunks anywhere, a failing sink.
#include "export/jsonstreamwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTest>

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <limits>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

// Everything a writer sends its sink, and the chunks it came in.
struct Collected
{
    QByteArray text;
    QList<qsizetype> chunkSizes;

    JsonStreamWriter::Sink sink()
    {
        return [this](std::string_view chunk) {
            text.append(chunk.data(), qsizetype(chunk.size()));
            chunkSizes.append(qsizetype(chunk.size()));
            return true;
        };
    }
};

QByteArray written(const std::function<void(JsonStreamWriter &)> &write,
    JsonStreamWriter::Layout layout = JsonStreamWriter::Layout::Compact)
{
    Collected collected;
    JsonStreamWriter writer(collected.sink(), layout);
    write(writer);
    if (!writer.flush())
        qFatal("a collecting sink cannot fail");
    return collected.text;
}

QByteArray stringOf(QStringView text)
{
    return written([&](JsonStreamWriter &writer) { writer.value(text); });
}

} // namespace

class TestJsonStreamWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("parsed"); // what a JSON parser reads back

        QTest::addRow("plain") << u"nginx"_s << "\"nginx\""_ba << u"nginx"_s;
        QTest::addRow("empty") << QString() << "\"\""_ba << QString();
        QTest::addRow("quote and backslash") << u"a\"b\\c"_s << "\"a\\\"b\\\\c\""_ba << u"a\"b\\c"_s;
        QTest::addRow("short escapes") << u"\b\f\n\r\t"_s << "\"\\b\\f\\n\\r\\t\""_ba << u"\b\f\n\r\t"_s;
        QTest::addRow("other control characters")
            << (QString(QChar(0)) + QChar(1) + QChar(0x1f)) << "\"\\u0000\\u0001\\u001f\""_ba
            << (QString(QChar(0)) + QChar(1) + QChar(0x1f));
        QTest::addRow("DEL and slash need no escape") << u"\x7f/"_s << "\"\x7f/\""_ba << u"\x7f/"_s;
        QTest::addRow("two-byte UTF-8") << u"caf\u00e9"_s << "\"caf\xc3\xa9\""_ba << u"caf\u00e9"_s;
        QTest::addRow("three-byte UTF-8")
            << u"\u20ac\u2028"_s << "\"\xe2\x82\xac\xe2\x80\xa8\""_ba << u"\u20ac\u2028"_s;
        QTest::addRow("surrogate pair") << QString::fromUcs4(U"\U0001F600") << "\"\xf0\x9f\x98\x80\""_ba
                                        << QString::fromUcs4(U"\U0001F600");
        QTest::addRow("what invalid UTF-8 decodes to")
            << QString::fromUtf8("\xff\xfe") << "\"\xef\xbf\xbd\xef\xbf\xbd\""_ba << u"\ufffd\ufffd"_s;
        // No UTF-8 can carry half a pair: U+FFFD stands in for it, and the text stays valid.
        QTest::addRow("lone high surrogate at the end")
            << (u"a"_s + QChar(0xd800)) << "\"a\xef\xbf\xbd\""_ba << u"a\ufffd"_s;
        QTest::addRow("lone low surrogate") << (QString(QChar(0xdc00)) + u'a')
                                            << "\"\xef\xbf\xbd"
                                               "a\""_ba
                                            << u"\ufffda"_s;
        QTest::addRow("high surrogate before a non-surrogate")
            << (QString(QChar(0xd83d)) + u'"') << "\"\xef\xbf\xbd\\\"\""_ba << u"\ufffd\""_s;
        QTest::addRow("two highs, then a low")
            << (QString(QChar(0xd800)) + QChar(0xd800) + QChar(0xdc00)) << "\"\xef\xbf\xbd\xf0\x90\x80\x80\""_ba
            << (u"\ufffd"_s + QString::fromUcs4(U"\U00010000"));
    }

    void escapesText()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, json);
        QFETCH(QString, parsed);
        const QByteArray output = stringOf(text);
        QCOMPARE(output, json);
        QVERIFY(QUtf8StringView(output).isValidUtf8());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson("[" + output + "]", &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.array().at(0).toString(), parsed);
    }

    void latin1Text_data()
    {
        QTest::addColumn<QByteArray>("latin1");
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("ASCII") << "cubic"_ba << "\"cubic\""_ba;
        QTest::addRow("escapes") << "a\"\\\x01\n"_ba << "\"a\\\"\\\\\\u0001\\n\""_ba;
        // Each byte is its code point, as QString::fromLatin1() reads it: never invalid UTF-8.
        QTest::addRow("high bytes") << "\xe9\xff\x80"_ba << "\"\xc3\xa9\xc3\xbf\xc2\x80\""_ba;
    }

    void latin1Text()
    {
        QFETCH(QByteArray, latin1);
        QFETCH(QByteArray, json);
        const QByteArray output = written([&](JsonStreamWriter &writer) { writer.value(QLatin1StringView(latin1)); });
        QCOMPARE(output, json);
        QCOMPARE(QJsonDocument::fromJson("[" + output + "]").array().at(0).toString(), QString::fromLatin1(latin1));
    }

    void numbers()
    {
        const QByteArray output = written([](JsonStreamWriter &writer) {
            writer.beginArray();
            writer.value(std::numeric_limits<qint64>::min());
            writer.value(std::numeric_limits<quint64>::max());
            writer.value(0);
            writer.value(quint8(255));
            writer.value(qint16(-2));
            writer.decimalString(std::numeric_limits<quint64>::max());
            writer.decimalString(0);
            writer.value(true);
            writer.value(false);
            writer.nullValue();
            writer.endArray();
        });
        QCOMPARE(output,
            "[-9223372036854775808,18446744073709551615,0,255,-2,\"18446744073709551615\",\"0\",true,false,null]"_ba);
    }

    void layouts_data()
    {
        QTest::addColumn<JsonStreamWriter::Layout>("layout");
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("compact") << JsonStreamWriter::Layout::Compact
                                 << R"({"a":1,"empty":{},"none":[],"list":[{"b":"x"},[2,3]],"c":{"d":true}})"
                                    "\n"_ba;
        QTest::addRow("indented") << JsonStreamWriter::Layout::Indented << R"({
    "a": 1,
    "empty": {},
    "none": [],
    "list": [
        {
            "b": "x"
        },
        [
            2,
            3
        ]
    ],
    "c": {
        "d": true
    }
}
)"_ba;
    }

    void layouts()
    {
        QFETCH(JsonStreamWriter::Layout, layout);
        QFETCH(QByteArray, json);
        const QByteArray output = written(
            [](JsonStreamWriter &writer) {
                writer.beginObject();
                writer.key("a");
                writer.value(1);
                writer.key("empty");
                writer.beginObject();
                writer.endObject();
                writer.key("none");
                writer.beginArray();
                writer.endArray();
                writer.key("list");
                writer.beginArray();
                writer.beginObject();
                writer.key("b");
                writer.value(u"x");
                writer.endObject();
                writer.beginArray();
                writer.value(2);
                writer.value(3);
                writer.endArray();
                writer.endArray();
                writer.key("c");
                writer.beginObject();
                writer.key("d");
                writer.value(true);
                writer.endObject();
                writer.endObject();
                writer.newline();
            },
            layout);
        QCOMPARE(output, json);
    }

    // JSON Lines: top-level values one after the other, each ended by newline(), no commas between.
    void topLevelValuesInLines()
    {
        const QByteArray output = written([](JsonStreamWriter &writer) {
            for (int i = 0; i < 3; ++i) {
                writer.beginObject();
                writer.key("n");
                writer.value(i);
                writer.endObject();
                writer.newline();
            }
        });
        QCOMPARE(output, "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n"_ba);
    }

    // The smallest buffer cuts the text everywhere, inside escapes and multi-byte characters: the
    // sink must still receive exactly the same bytes, in chunks no larger than the buffer.
    void smallBufferGivesTheSameText()
    {
        QString hostile;
        for (int i = 0; i < 4000; ++i)
            hostile += QChar(char16_t(i % 0x30)) + u"\u00e9\u20ac\""_s + QString::fromUcs4(U"\U0001F600");
        const auto write = [&](JsonStreamWriter &writer) {
            writer.beginArray();
            for (int i = 0; i < 50; ++i) {
                writer.value(hostile);
                writer.value(qint64(i) * 1'000'000'007);
                writer.value(QLatin1StringView("\xe9\x01 latin1"));
            }
            writer.endArray();
        };
        Collected large;
        {
            JsonStreamWriter writer(large.sink());
            write(writer);
            QVERIFY(writer.flush());
        }
        Collected small;
        {
            JsonStreamWriter writer(small.sink(), JsonStreamWriter::Layout::Indented, 1);
            write(writer);
            QVERIFY(writer.flush());
        }
        QVERIFY(small.chunkSizes.size() > 100);
        for (const qsizetype size : std::as_const(small.chunkSizes))
            QVERIFY2(size <= 256, qPrintable(QString::number(size)));
        QVERIFY(QUtf8StringView(small.text).isValidUtf8());
        QJsonParseError error;
        const QJsonDocument fromSmall = QJsonDocument::fromJson(small.text, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(fromSmall, QJsonDocument::fromJson(large.text));
        QCOMPARE(fromSmall.array().at(0).toString(), hostile);
    }

    // The sink is asked once; after it failed, the writer goes on without it and says so.
    void failingSink()
    {
        int calls = 0;
        JsonStreamWriter writer(
            [&](std::string_view) {
                ++calls;
                return false;
            },
            JsonStreamWriter::Layout::Compact, 256);
        writer.beginArray();
        for (int i = 0; i < 1000; ++i)
            writer.value(u"more than one buffer");
        writer.endArray();
        QVERIFY(!writer.flush());
        QVERIFY(writer.failed());
        QCOMPARE(calls, 1);
    }

    void fileDescriptorSink()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        int error = 0;
        {
            JsonStreamWriter writer(JsonStreamWriter::fileDescriptorSink(file.handle(), &error));
            writer.beginObject();
            writer.key("k");
            writer.value(u"v");
            writer.endObject();
            writer.newline();
            QVERIFY(writer.flush());
        }
        QCOMPARE(error, 0);
        file.seek(0);
        QCOMPARE(file.readAll(), "{\"k\":\"v\"}\n"_ba);

        int pipeFds[2];
        QVERIFY(::pipe(pipeFds) == 0);
        ::close(pipeFds[0]);
        std::signal(SIGPIPE, SIG_IGN);
        JsonStreamWriter broken(JsonStreamWriter::fileDescriptorSink(pipeFds[1], &error));
        broken.value(true);
        QVERIFY(!broken.flush());
        QCOMPARE(error, EPIPE);
        ::close(pipeFds[1]);
    }
};

QTEST_GUILESS_MAIN(TestJsonStreamWriter)
#include "tst_jsonstreamwriter.moc"
