// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <utility>

namespace TcpLens {

// Writes the text exposition formats Prometheus scrapes. Pure: the text is built in memory, the
// caller sends it. Two formats differ only in details:
//  - OpenMetrics 1.0.0 (application/openmetrics-text): a counter family "x" has samples "x_total",
//    HELP escapes '"' too, and the text ends with "# EOF".
//  - Prometheus text 0.0.4 (text/plain): the family of a counter is named "x_total" itself, no EOF.
// The writer checks what the caller gives it (names, families written twice, a sample outside a
// family): a broken exposition makes Prometheus drop the whole scrape, so a mistake is reported by
// isValid()/error() instead of being sent.
class OpenMetricsWriter
{
public:
    enum class Format { OpenMetrics, PrometheusText };
    enum class Type { Gauge, Counter };
    using Label = std::pair<QByteArrayView, QString>; // name, value

    static constexpr QByteArrayView OpenMetricsContentType =
        "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static constexpr QByteArrayView PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";

    explicit OpenMetricsWriter(Format format = Format::OpenMetrics);

    Format format() const { return m_format; }
    QByteArrayView contentType() const;

    // Starts a family: `name` without "_total" (the writer adds it to a counter's samples), matching
    // [a-zA-Z_:][a-zA-Z0-9_:]*. A family name may appear once per exposition.
    void beginFamily(QByteArrayView name, Type type, QStringView help);
    // A sample of the current family. Label names match [a-zA-Z_][a-zA-Z0-9_]*; values are any text
    // (escaped here). Counters must not be negative.
    void sample(const QList<Label> &labels, qint64 value);
    void sample(const QList<Label> &labels, double value);
    void sample(qint64 value) { sample(QList<Label>(), value); }

    // The exposition ("# EOF" added for OpenMetrics); empty when !isValid().
    QByteArray finish();
    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    // Is `name` a valid metric (or, with `label`, label) name?
    static bool isValidName(QByteArrayView name, bool label = false);
    // "TcpExt.ListenOverflows" -> "tcpext_listen_overflows", "TCPReqQFullDrop" -> "tcp_req_q_full_drop":
    // Prometheus's names are snake_case (promtool's linter refuses camelCase).
    static QByteArray snakeCase(QByteArrayView name);

private:
    void writeSample(const QList<Label> &labels, const QByteArray &value);
    void fail(const QString &message);
    void appendEscaped(QStringView text, bool help);

    Format m_format;
    QByteArray m_text;
    QByteArray m_family; // the current family's sample name ("x_total" for a counter)
    Type m_type = Type::Gauge;
    QList<QByteArray> m_families; // every family name written, to refuse a second one
    QString m_error;
};

} // namespace TcpLens
