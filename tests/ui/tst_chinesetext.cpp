// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Chinese on screen, offscreen: with zh_CN applied, the preferences offer the language choice and say
// when it applies, and the window's Chinese texts are drawn with real glyphs of an installed font, not
// the empty boxes of a font without Han characters (fonts-noto-cjk in the build root).

#include "apppreferences.h"
#include "i18n/displaylanguage.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "proc/countercatalog.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QGlyphRun>
#include <QLabel>
#include <QTest>
#include <QTextLayout>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

// The characters of `text` the font machinery could not find a glyph for (glyph index 0).
QString missingGlyphs(const QString &text, const QFont &font)
{
    QTextLayout layout(text, font);
    layout.beginLayout();
    while (layout.createLine().isValid()) { }
    layout.endLayout();
    QString missing;
    for (const QGlyphRun &run : layout.glyphRuns()) {
        for (const quint32 glyph : run.glyphIndexes()) {
            if (glyph == 0)
                missing += u'?';
        }
    }
    return missing;
}

} // namespace

class TestChineseText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationDomain(u"tcplens.test"_s);
        QCoreApplication::setApplicationName(u"tst_chinesetext"_s);
        DisplayLanguage::apply(u"zh_CN"_s);
        QCOMPARE(DisplayLanguage::current(), u"zh_CN"_s);
    }

    void preferencesOfferTheLanguage()
    {
        AppPreferences chosen;
        chosen.language = u"zh_CN"_s;
        PreferencesDialog dialog(chosen);
        QCOMPARE(dialog.windowTitle(), u"首选项"_s);
        auto *language = dialog.findChild<QComboBox *>(u"language"_s);
        QVERIFY(language);
        QCOMPARE(language->currentText(), u"简体中文"_s);
        QVERIFY(language->itemText(0).startsWith(u"跟随系统"_s));
        QCOMPARE(language->findData(u"en"_s) >= 0, true);
        QCOMPARE(dialog.preferences().language, u"zh_CN"_s);
        language->setCurrentIndex(0);
        QCOMPARE(dialog.preferences().language, QString());
        auto *note = dialog.findChild<QLabel *>(u"languageNote"_s);
        QVERIFY(note);
        QVERIFY2(note->text().contains(u"下次启动"_s), qPrintable(note->text()));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(QDir::temp().filePath(u"tcplens-preferences-zh.png"_s)));
    }

    // The check itself: a character no installed font has comes out as glyph 0.
    void missingGlyphsAreSeen()
    {
        QVERIFY(!missingGlyphs(QString::fromUcs4(U"\U0010FFFD"), QApplication::font()).isEmpty());
    }

    void chineseHasGlyphs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("menu") << MainWindow::tr("&File");
        QTest::addRow("queues") << QCoreApplication::translate("TcpLens::ListenerPanel", "Accept queue");
        QTest::addRow("counter catalog") << CounterCatalog::builtIn().groupTitle(u"handshake"_s);
        QTest::addRow("lesson words") << u"三次握手 四次挥手 半连接队列 全连接队列 孤儿连接 重传"_s;
    }

    void chineseHasGlyphs()
    {
        QFETCH(QString, text);
        QVERIFY2(std::ranges::any_of(text, [](QChar c) { return c.script() == QChar::Script_Han; }),
            qPrintable(u"not Chinese: "_s + text));
        QCOMPARE(missingGlyphs(text, QApplication::font()), QString());
        QFont bold = QApplication::font();
        bold.setBold(true);
        QCOMPARE(missingGlyphs(text, bold), QString());
    }
};

QTEST_MAIN(TestChineseText)
#include "tst_chinesetext.moc"
