// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlvalueeditor.h"

#include "formatting.h"
#include "sysctl/sysctlcatalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QVBoxLayout>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

// A double holds every integer up to 2^53 exactly: more than any TCP sysctl needs.
constexpr qint64 LargestExact = qint64(1) << 53;

QString unitSuffix(SysctlUnit unit)
{
    switch (unit) {
    case SysctlUnit::Seconds:
        return SysctlValueEditor::tr(" s");
    case SysctlUnit::Milliseconds:
        return SysctlValueEditor::tr(" ms");
    case SysctlUnit::Bytes:
        return SysctlValueEditor::tr(" bytes");
    case SysctlUnit::Pages:
        return SysctlValueEditor::tr(" pages");
    case SysctlUnit::Count:
    case SysctlUnit::None:
        break;
    }
    return {};
}

QString hexText(qint64 value)
{
    return u"0x"_s + QString::number(value, 16);
}

QList<qint64> numbersOf(const QString &text)
{
    QList<qint64> numbers;
    for (const QString &part : text.split(u' ', Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 number = part.toLongLong(&ok, 0);
        numbers.append(ok ? number : 0);
    }
    return numbers;
}

SysctlValueEditor::Form formOf(const SysctlEntry *entry)
{
    using Form = SysctlValueEditor::Form;
    if (!entry || !entry->isWritableType())
        return Form::None;
    switch (entry->type) {
    case SysctlType::Integer:
        return Form::Number;
    case SysctlType::Boolean:
        return Form::Flag;
    case SysctlType::Enum:
        return Form::Enumeration;
    case SysctlType::Bitmask:
        return Form::Bits;
    case SysctlType::Triple:
        return Form::Triple;
    case SysctlType::PortRange:
        return Form::Range;
    case SysctlType::Choice:
        return Form::Choice;
    case SysctlType::List:
        return Form::Names;
    }
    return Form::None;
}

} // namespace

SysctlValueEditor::SysctlValueEditor(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_fields(new QWidget(this))
    , m_message(new QLabel(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(m_fields);
    m_message->setObjectName(u"sysctlValidation"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layout->addWidget(m_message);
    m_grid = new QGridLayout(m_fields);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(2, 1);
}

void SysctlValueEditor::setEntry(
    const SysctlEntry *entry, const QString &current, const SysctlValidator::Context &context)
{
    m_entry = entry;
    m_context = context;
    m_current = current;
    m_form = formOf(entry);
    buildFields();
    showInFields(current);
    validate();
}

void SysctlValueEditor::setCurrent(const QString &current, const SysctlValidator::Context &context)
{
    // Before the first reading there was nothing to edit against: the fields follow the kernel.
    const bool edited = !m_current.isEmpty() && isEdited();
    const QString shown = text();
    const bool choicesChanged = context.choices != m_context.choices;
    m_context = context;
    m_current = current;
    // The list of names a choice offers comes with the context: rebuild, keeping what was shown.
    if (choicesChanged && (m_form == Form::Choice || m_form == Form::Names))
        buildFields();
    showInFields(edited ? shown : current);
    validate();
}

void SysctlValueEditor::setValue(const QString &value)
{
    showInFields(value);
    validate();
    Q_EMIT edited();
}

void SysctlValueEditor::discardEdit()
{
    setValue(m_current);
}

bool SysctlValueEditor::isEdited() const
{
    if (m_form == Form::None || m_current.isEmpty())
        return false;
    return text().simplified() != m_current.simplified();
}

namespace {
// Deleted at once, not later: nobody may find the old key's fields once the new key is shown. No
// field calls this from its own signal.
void deleteItems(QLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        if (QLayout *inner = item->layout())
            deleteItems(inner);
        delete item->widget();
        delete item;
    }
}
} // namespace

void SysctlValueEditor::clearFields()
{
    deleteItems(m_grid);
    m_hints.clear();
    m_numbers.clear();
    m_flag = nullptr;
    m_combo = nullptr;
    m_bits.clear();
    m_names.clear();
    m_freeText = nullptr;
    m_unknownBits = 0;
    m_flagOnValue = 1;
}

QDoubleSpinBox *SysctlValueEditor::addNumberField(int row, const QString &label, qint64 min, qint64 max)
{
    if (!label.isEmpty())
        m_grid->addWidget(new QLabel(label, m_fields), row, 0);
    auto *spin = new QDoubleSpinBox(m_fields);
    spin->setObjectName(u"sysctlNumber%1"_s.arg(m_numbers.size()));
    spin->setDecimals(0);
    // The kernel's own range: what lies beyond it no write can store. Inside it the validator
    // explains what makes no sense, instead of a field that silently stops.
    spin->setRange(double(std::max(min, -LargestExact)), double(std::min(max, LargestExact)));
    spin->setSuffix(unitSuffix(m_entry->unit));
    spin->setGroupSeparatorShown(false);
    spin->setAccelerated(true);
    spin->setMinimumWidth(spin->fontMetrics().horizontalAdvance(u"0000000000 bytes"_s) + 40);
    const int field = int(m_numbers.size());
    connect(spin, &QDoubleSpinBox::valueChanged, this, &SysctlValueEditor::fieldChanged);
    // Linked fields move their neighbours when the user is done with a field, not at every
    // keystroke: typing 8388608 into max passes through 8, which must not drag min and default down.
    connect(spin, &QDoubleSpinBox::editingFinished, this, [this, field] { linkNeighbours(field); });
    m_grid->addWidget(spin, row, 1);
    auto *hint = new QLabel(m_fields);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_grid->addWidget(hint, row, 2);
    m_numbers.append(spin);
    m_hints.append(hint);
    return spin;
}

void SysctlValueEditor::buildFields()
{
    clearFields();
    const qint64 kernelMin = m_entry && m_entry->kernelMin ? *m_entry->kernelMin : std::numeric_limits<int>::min();
    const qint64 kernelMax =
        m_entry && m_entry->kernelMax ? *m_entry->kernelMax : std::numeric_limits<unsigned int>::max();
    // Columns: a name or check box, the field, what it means; long meanings wrap in the last.
    switch (m_form) {
    case Form::None:
        break;
    case Form::Number:
        addNumberField(0, {}, kernelMin, kernelMax);
        break;
    case Form::Triple:
    case Form::Range:
        for (int i = 0; i < m_entry->fields.size(); ++i)
            addNumberField(i, m_entry->fields.at(i), kernelMin, kernelMax);
        break;
    case Form::Flag:
        m_flag = new QCheckBox(tr("On (1)"), m_fields);
        m_flag->setObjectName(u"sysctlFlag"_s);
        for (const SysctlValueMeaning &meaning : std::as_const(m_entry->values)) {
            if (meaning.value == 0)
                m_flag->setToolTip(tr("Off: %1").arg(meaning.meaning));
        }
        connect(m_flag, &QCheckBox::toggled, this, &SysctlValueEditor::fieldChanged);
        m_grid->addWidget(m_flag, 0, 0, 1, 2);
        break;
    case Form::Enumeration:
        m_combo = new QComboBox(m_fields);
        m_combo->setObjectName(u"sysctlEnum"_s);
        for (const SysctlValueMeaning &meaning : std::as_const(m_entry->values)) {
            const QString text = tr("%1 — %2").arg(meaning.value).arg(meaning.meaning);
            m_combo->addItem(text, QString::number(meaning.value));
            m_combo->setItemData(m_combo->count() - 1, text, Qt::ToolTipRole);
        }
        // Long meanings are elided in the closed box, never widen the pane.
        m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_combo->setMinimumContentsLength(24);
        connect(m_combo, &QComboBox::currentIndexChanged, this, &SysctlValueEditor::fieldChanged);
        m_grid->addWidget(m_combo, 0, 0, 1, 3);
        break;
    case Form::Bits: {
        int row = 0;
        for (const SysctlValueMeaning &bit : std::as_const(m_entry->bits)) {
            auto *box = new QCheckBox(hexText(bit.value), m_fields);
            box->setObjectName(u"sysctlBit%1"_s.arg(hexText(bit.value)));
            box->setProperty("bit", bit.value);
            connect(box, &QCheckBox::toggled, this, &SysctlValueEditor::fieldChanged);
            auto *meaning = new QLabel(bit.meaning, m_fields);
            meaning->setWordWrap(true);
            m_grid->addWidget(box, row, 0);
            m_grid->addWidget(meaning, row++, 1, 1, 2);
            m_bits.append(box);
        }
        break;
    }
    case Form::Choice:
        if (m_context.choices.isEmpty()) {
            m_freeText = new QLineEdit(m_fields);
            m_freeText->setObjectName(u"sysctlText"_s);
            m_freeText->setPlaceholderText(tr("a name this namespace may choose"));
            connect(m_freeText, &QLineEdit::textEdited, this, &SysctlValueEditor::fieldChanged);
            m_grid->addWidget(m_freeText, 0, 1);
            break;
        }
        m_combo = new QComboBox(m_fields);
        m_combo->setObjectName(u"sysctlChoice"_s);
        for (const QString &choice : std::as_const(m_context.choices))
            m_combo->addItem(choice, choice);
        m_combo->setToolTip(tr("The names the kernel offers in this namespace"));
        connect(m_combo, &QComboBox::currentIndexChanged, this, &SysctlValueEditor::fieldChanged);
        m_grid->addWidget(m_combo, 0, 1);
        break;
    case Form::Names: {
        if (m_context.choices.isEmpty()) {
            m_freeText = new QLineEdit(m_fields);
            m_freeText->setObjectName(u"sysctlText"_s);
            connect(m_freeText, &QLineEdit::textEdited, this, &SysctlValueEditor::fieldChanged);
            m_grid->addWidget(m_freeText, 0, 1);
            break;
        }
        auto *row = new QHBoxLayout;
        for (const QString &choice : std::as_const(m_context.choices)) {
            auto *box = new QCheckBox(choice, m_fields);
            box->setObjectName(u"sysctlName_%1"_s.arg(choice));
            connect(box, &QCheckBox::toggled, this, &SysctlValueEditor::fieldChanged);
            row->addWidget(box);
            m_names.append(box);
        }
        row->addStretch(1);
        m_grid->addLayout(row, 0, 0, 1, 3);
        break;
    }
    }
    m_fields->setVisible(m_form != Form::None);
}

void SysctlValueEditor::showInFields(const QString &value)
{
    m_filling = true;
    const QList<qint64> numbers = numbersOf(value);
    const qint64 first = numbers.value(0);
    switch (m_form) {
    case Form::None:
        break;
    case Form::Number:
    case Form::Triple:
    case Form::Range:
        for (int i = 0; i < m_numbers.size(); ++i)
            m_numbers[i]->setValue(double(numbers.value(i)));
        break;
    case Form::Flag:
        m_flag->setChecked(first != 0);
        if (first != 0)
            m_flagOnValue = first;
        break;
    case Form::Enumeration: {
        int index = m_combo->findData(QString::number(first));
        if (index < 0 && !value.isEmpty()) {
            // A value the catalog gives no meaning of its own (the kernel stores it): shown as it is.
            m_combo->addItem(tr("%1 — %2").arg(first).arg(m_entry->otherValues), QString::number(first));
            index = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(index);
        break;
    }
    case Form::Bits: {
        qint64 known = 0;
        for (QCheckBox *box : std::as_const(m_bits)) {
            const qint64 bit = box->property("bit").toLongLong();
            known |= bit;
            box->setChecked(first & bit);
        }
        m_unknownBits = first & ~known;
        break;
    }
    case Form::Choice:
        if (m_freeText) {
            m_freeText->setText(value);
        } else {
            int index = m_combo->findData(value);
            if (index < 0 && !value.isEmpty()) {
                m_combo->addItem(value, value);
                index = m_combo->count() - 1;
            }
            m_combo->setCurrentIndex(index);
        }
        break;
    case Form::Names: {
        if (m_freeText) {
            m_freeText->setText(value);
            break;
        }
        const QStringList chosen = value.split(u' ', Qt::SkipEmptyParts);
        for (QCheckBox *box : std::as_const(m_names))
            box->setChecked(chosen.contains(box->text()));
        break;
    }
    }
    m_filling = false;
    updateHint();
}

QString SysctlValueEditor::text() const
{
    switch (m_form) {
    case Form::None:
        return {};
    case Form::Number:
    case Form::Triple:
    case Form::Range: {
        QStringList parts;
        for (const QDoubleSpinBox *spin : m_numbers)
            parts.append(QString::number(qint64(spin->value())));
        return parts.join(u' ');
    }
    case Form::Flag:
        return QString::number(m_flag->isChecked() ? m_flagOnValue : 0);
    case Form::Enumeration:
    case Form::Choice:
        if (m_freeText)
            return m_freeText->text();
        return m_combo->currentData().toString();
    case Form::Bits: {
        qint64 value = m_unknownBits;
        for (const QCheckBox *box : m_bits) {
            if (box->isChecked())
                value |= box->property("bit").toLongLong();
        }
        return QString::number(value);
    }
    case Form::Names: {
        if (m_freeText)
            return m_freeText->text();
        QStringList chosen;
        for (const QCheckBox *box : m_names) {
            if (box->isChecked())
                chosen.append(box->text());
        }
        return chosen.join(u' ');
    }
    }
    return {};
}

void SysctlValueEditor::fieldChanged()
{
    if (m_filling)
        return;
    validate();
    updateHint();
    Q_EMIT edited();
}

void SysctlValueEditor::linkNeighbours(int changedField)
{
    if (m_form != Form::Triple && m_form != Form::Range)
        return;
    // min <= default <= max (first <= last): the field the user set wins, its neighbours make room.
    m_filling = true;
    bool moved = false;
    const double value = m_numbers[changedField]->value();
    for (int i = 0; i < m_numbers.size(); ++i) {
        QDoubleSpinBox *other = m_numbers[i];
        if ((i < changedField && other->value() > value) || (i > changedField && other->value() < value)) {
            other->setValue(value);
            moved = true;
        }
    }
    m_filling = false;
    if (moved)
        fieldChanged();
}

void SysctlValueEditor::validate()
{
    if (m_form == Form::None || !m_entry) {
        m_validation = m_entry ? SysctlValidator::validate(*m_entry, QString(), m_context) : SysctlValidation{};
    } else {
        m_validation = SysctlValidator::validate(*m_entry, text(), m_context);
    }
    m_message->setText(message());
    m_message->setVisible(!m_message->text().isEmpty());
}

QString SysctlValueEditor::message() const
{
    if (!m_entry)
        return {};
    const QPalette pal = palette();
    if (m_form == Form::None) {
        if (m_entry->removed)
            return tr("Removed in Linux %1: there is nothing to set. %2")
                .arg(m_entry->removedIn, m_entry->whenToChange.toHtmlEscaped());
        return tr("Read-only: the kernel fills it in.");
    }
    if (!m_validation.isAccepted()) {
        // Red like an error anywhere in the desktop, whatever the palette says about links.
        const QColor red = pal.color(QPalette::Base).lightness() < 128 ? QColor(255, 120, 110) : QColor(190, 20, 20);
        return u"<span style='color:%1'>✖ %2</span>"_s.arg(red.name(), m_validation.error.toHtmlEscaped());
    }
    QStringList lines;
    // A plain number needs no words; an enum's value does, and a bitmask is read in hex too.
    const SysctlValue &value = *m_validation.value;
    QString described = value.kernelText();
    if (m_form == Form::Flag || m_form == Form::Enumeration)
        described = SysctlValidator::describe(*m_entry, value);
    else if (m_form == Form::Bits)
        described = tr("%1 (%2)").arg(value.kernelText(), hexText(value.numbers.value(0)));
    if (isEdited())
        lines.append(tr("Now %1, after Apply <b>%2</b>").arg(m_current.toHtmlEscaped(), described.toHtmlEscaped()));
    else if (described != value.kernelText())
        lines.append(described.toHtmlEscaped());
    const QColor orange = pal.color(QPalette::Base).lightness() < 128 ? QColor(255, 190, 90) : QColor(170, 90, 0);
    for (const QString &warning : m_validation.warnings)
        lines.append(u"<span style='color:%1'>⚠ %2</span>"_s.arg(orange.name(), warning.toHtmlEscaped()));
    return lines.join(u"<br>"_s);
}

void SysctlValueEditor::updateHint()
{
    for (int i = 0; i < m_numbers.size() && i < m_hints.size(); ++i) {
        const qint64 value = qint64(m_numbers.at(i)->value());
        QString hint;
        switch (m_entry->unit) {
        case SysctlUnit::Bytes:
            if (value >= 1024)
                hint = QLocale().formattedDataSize(value, 1, QLocale::DataSizeTraditionalFormat);
            break;
        case SysctlUnit::Pages:
            hint = tr("%1 of memory")
                       .arg(QLocale().formattedDataSize(
                           value * ::sysconf(_SC_PAGESIZE), 1, QLocale::DataSizeTraditionalFormat));
            break;
        case SysctlUnit::Seconds:
            if (value >= 60)
                hint = Formatting::duration(value * 1'000'000'000);
            break;
        case SysctlUnit::Milliseconds:
            if (value >= 1000)
                hint = Formatting::duration(value * 1'000'000);
            break;
        case SysctlUnit::Count:
        case SysctlUnit::None:
            break;
        }
        m_hints.at(i)->setText(hint);
    }
}

} // namespace TcpLens
