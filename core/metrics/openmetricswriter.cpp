// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "openmetricswriter.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

bool isLower(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

} // namespace

OpenMetricsWriter::OpenMetricsWriter(Format format)
    : m_format(format)
{
    m_text.reserve(64 * 1024);
}

QByteArrayView OpenMetricsWriter::contentType() const
{
    return m_format == Format::OpenMetrics ? OpenMetricsContentType : PrometheusTextContentType;
}

bool OpenMetricsWriter::isValidName(QByteArrayView name, bool label)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!label && c == ':');
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

QByteArray OpenMetricsWriter::snakeCase(QByteArrayView name)
{
    QByteArray result;
    result.reserve(name.size() + 8);
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (!isUpper(c) && !isLower(c)) {
            // '.', '-', '/' and the like separate words.
            if (!result.isEmpty() && !result.endsWith('_'))
                result.append('_');
            continue;
        }
        if (isUpper(c) && i > 0 && !result.isEmpty() && !result.endsWith('_')) {
            const char previous = name[i - 1];
            const bool nextLower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
            // A word starts at an upper-case letter after a lower-case one (listenOverflows), and at the
            // last capital of an acronym followed by lower case (TCPReq: TCP_Req).
            if (isLower(previous) || (isUpper(previous) && nextLower))
                result.append('_');
        }
        result.append(isUpper(c) ? char(c - 'A' + 'a') : c);
    }
    while (result.endsWith('_'))
        result.chop(1);
    return result;
}

void OpenMetricsWriter::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

void OpenMetricsWriter::appendEscaped(QStringView text, bool help)
{
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        if (c == '\\')
            m_text.append("\\\\");
        else if (c == '\n')
            m_text.append("\\n");
        // Label values escape '"' in both formats; HELP only in OpenMetrics (the 0.0.4 parser would
        // keep the backslash).
        else if (c == '"' && (!help || m_format == Format::OpenMetrics))
            m_text.append("\\\"");
        else if (c == '\r' || c == '\0')
            m_text.append(' '); // no line break or NUL reaches the exposition
        else
            m_text.append(c);
    }
}

void OpenMetricsWriter::beginFamily(QByteArrayView name, Type type, QStringView help)
{
    if (!isValidName(name)) {
        fail(u"invalid metric name '%1'"_s.arg(QString::fromUtf8(name)));
        return;
    }
    // OpenMetrics reserves the suffix for the samples: a family "x_total" would have "x_total_total".
    if (type == Type::Counter && name.endsWith("_total")) {
        fail(u"counter family '%1' must be named without _total"_s.arg(QString::fromUtf8(name)));
        return;
    }
    const QByteArray sampleName =
        type == Type::Counter ? QByteArray(name.toByteArray() + "_total") : name.toByteArray();
    const QByteArray familyName = m_format == Format::OpenMetrics ? name.toByteArray() : sampleName;
    if (m_families.contains(familyName)) {
        fail(u"metric family '%1' written twice"_s.arg(QString::fromUtf8(familyName)));
        return;
    }
    m_families.append(familyName);
    m_family = sampleName;
    m_type = type;
    m_text.append("# HELP ").append(familyName).append(' ');
    appendEscaped(help, true);
    m_text.append("\n# TYPE ").append(familyName).append(type == Type::Counter ? " counter\n" : " gauge\n");
}

void OpenMetricsWriter::writeSample(const QList<Label> &labels, const QByteArray &value)
{
    if (m_family.isEmpty()) {
        fail(u"a sample before any family"_s);
        return;
    }
    m_text.append(m_family);
    if (!labels.isEmpty()) {
        m_text.append('{');
        bool first = true;
        for (const auto &[name, text] : labels) {
            if (!isValidName(name, true)) {
                fail(u"invalid label name '%1' in %2"_s.arg(QString::fromUtf8(name), QString::fromUtf8(m_family)));
                return;
            }
            if (!first)
                m_text.append(',');
            first = false;
            m_text.append(name).append("=\"");
            appendEscaped(text, false);
            m_text.append('"');
        }
        m_text.append('}');
    }
    m_text.append(' ').append(value).append('\n');
}

void OpenMetricsWriter::sample(const QList<Label> &labels, qint64 value)
{
    if (m_type == Type::Counter && value < 0) {
        fail(u"counter %1 is negative"_s.arg(QString::fromUtf8(m_family)));
        return;
    }
    writeSample(labels, QByteArray::number(value));
}

void OpenMetricsWriter::sample(const QList<Label> &labels, double value)
{
    QByteArray text;
    if (std::isnan(value))
        text = "NaN";
    else if (std::isinf(value))
        text = value > 0 ? "+Inf" : "-Inf";
    else
        text = QByteArray::number(value, 'g', 17);
    if (m_type == Type::Counter && !(value >= 0)) {
        fail(u"counter %1 is negative or NaN"_s.arg(QString::fromUtf8(m_family)));
        return;
    }
    writeSample(labels, text);
}

QByteArray OpenMetricsWriter::finish()
{
    if (!isValid())
        return {};
    if (m_format == Format::OpenMetrics)
        m_text.append("# EOF\n");
    return std::exchange(m_text, QByteArray());
}

} // namespace TcpLens
