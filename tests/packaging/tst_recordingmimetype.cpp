// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// packaging/org.tcplens.TcpLens.mime.xml, compiled by the distribution's update-mime-database, read
// by Qt's QMimeDatabase as a file manager reads it: a recording is recognised by its name and, renamed,
// by its content (the SQLite header's application_id); another SQLite file and a text file named
// *.tcplens by content are not.
#include "pipeline/sourcedescription.h"
#include "record/recordingwriter.h"

#include <QDir>
#include <QFile>
#include <QMimeDatabase>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {
const QString RecordingType = u"application/vnd.tcplens.recording"_s;
}

class TestRecordingMimeType : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data;
    QTemporaryDir m_files;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid() && m_files.isValid());
        const QString packages = m_data.filePath(u"mime/packages"_s);
        QVERIFY(QDir().mkpath(packages));
        QVERIFY(QFile::copy(QStringLiteral(TCPLENS_MIME_XML), packages + u"/org.tcplens.TcpLens.xml"_s));
        const QString update = QStandardPaths::findExecutable(u"update-mime-database"_s);
        if (update.isEmpty())
            QSKIP("update-mime-database is missing: install shared-mime-info");
        // Before the first QMimeDatabase, and for update-mime-database, which warns about a folder outside
        // the search path: ours first, then the system's (for application/vnd.sqlite3).
        qputenv("XDG_DATA_DIRS", (m_data.path() + u":/usr/local/share:/usr/share"_s).toLocal8Bit());
        QProcess process;
        process.start(update, {m_data.filePath(u"mime"_s)});
        QVERIFY(process.waitForFinished(30'000));
        QVERIFY2(process.exitCode() == 0 && process.readAllStandardError().trimmed().isEmpty(),
            "update-mime-database refused packaging/org.tcplens.TcpLens.mime.xml: run it by hand to see why");
    }

    void aRecordingIsKnownByNameAndByContent()
    {
        const QString path = m_files.filePath(u"lesson.tcplens"_s);
        SourceDescription description;
        description.host = u"test"_s;
        auto writer = RecordingWriter::create(path, description);
        QVERIFY2(writer.has_value(), qPrintable(writer ? QString() : writer.error()));
        (*writer)->finish();
        writer->reset();

        QMimeDatabase mime;
        QCOMPARE(mime.mimeTypeForFile(path).name(), RecordingType);
        const QString renamed = m_files.filePath(u"sent-by-mail.dat"_s);
        QVERIFY(QFile::copy(path, renamed));
        QCOMPARE(mime.mimeTypeForFile(renamed, QMimeDatabase::MatchContent).name(), RecordingType);
        QVERIFY(mime.mimeTypeForName(RecordingType).inherits(u"application/vnd.sqlite3"_s));
    }

    void otherFilesAreNot()
    {
        const QString other = m_files.filePath(u"other.db"_s);
        {
            QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
            database.setDatabaseName(other);
            QVERIFY(database.open());
            QSqlQuery query(database);
            QVERIFY(query.exec(u"CREATE TABLE notes (text TEXT)"_s));
            database.close();
        }
        QSqlDatabase::removeDatabase(u"other"_s);
        QMimeDatabase mime;
        QVERIFY(mime.mimeTypeForFile(other, QMimeDatabase::MatchContent).name() != RecordingType);

        const QString text = m_files.filePath(u"notes.tcplens"_s);
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("notes, not a recording\n");
        file.close();
        QVERIFY(mime.mimeTypeForFile(text, QMimeDatabase::MatchContent).name() != RecordingType);
    }
};

QTEST_GUILESS_MAIN(TestRecordingMimeType)

#include "tst_recordingmimetype.moc"
