// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctl/sysctlentry.h"
#include "sysctl/sysctlvalidator.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace TcpLens {

// Edits one sysctl value with fields that fit its type: a spin box with its unit for a number, a check
// box for a boolean, a list of meanings for an enum, a check box per bit for a bitmask, three linked
// fields for a triple (min <= default <= max), two for a port range, the kernel's own list for a
// choice. Every change runs SysctlValidator against the target namespace's context and shows the
// refusal or the warnings, with their reason, right under the fields.
class SysctlValueEditor : public QWidget
{
    Q_OBJECT
public:
    enum class Form : quint8 { None, Number, Flag, Enumeration, Bits, Triple, Range, Choice, Names };
    Q_ENUM(Form)

    explicit SysctlValueEditor(QWidget *parent = nullptr);

    // Builds the fields for `entry` (not owned; nullptr: nothing to edit) showing `current`, the
    // value the kernel holds, validated in `context`.
    void setEntry(const SysctlEntry *entry, const QString &current, const SysctlValidator::Context &context);
    // The kernel's value changed (or was read for the first time): it becomes what edits are
    // compared with; the fields follow unless the user has edited them.
    void setCurrent(const QString &current, const SysctlValidator::Context &context);
    // Puts `value` (kernel text: "4096 131072 6291456") into the fields as an edit.
    void setValue(const QString &value);
    // Back to the kernel's value.
    void discardEdit();

    const SysctlEntry *entry() const { return m_entry; }
    Form form() const { return m_form; }
    // The fields' value as the kernel would be given it.
    QString text() const;
    QString current() const { return m_current; }
    // The fields hold something other than the kernel's value.
    bool isEdited() const;
    const SysctlValidation &validation() const { return m_validation; }
    // What the line under the fields says (the refusal, the warnings or the value's meaning).
    QString message() const;

Q_SIGNALS:
    // The user changed a field; validation() is up to date.
    void edited();

private:
    void clearFields();
    void buildFields();
    QDoubleSpinBox *addNumberField(int row, const QString &label, qint64 min, qint64 max);
    void showInFields(const QString &value);
    void fieldChanged();
    void linkNeighbours(int changedField);
    void validate();
    void updateHint();

    const SysctlEntry *m_entry = nullptr;
    SysctlValidator::Context m_context;
    Form m_form = Form::None;
    QString m_current;
    SysctlValidation m_validation;
    bool m_filling = false;

    QVBoxLayout *m_layout;
    QWidget *m_fields;
    QGridLayout *m_grid;
    QLabel *m_message;
    QList<QLabel *> m_hints; // what a number means in larger units, beside each field
    QList<QDoubleSpinBox *> m_numbers;
    QCheckBox *m_flag = nullptr;
    qint64 m_flagOnValue = 1; // the kernel stores 2..255 for some booleans and treats them as 1
    QComboBox *m_combo = nullptr;
    QList<QCheckBox *> m_bits;
    qint64 m_unknownBits = 0; // bits of the kernel's value the catalog does not know: kept as they are
    QList<QCheckBox *> m_names;
    QLineEdit *m_freeText = nullptr; // a choice or list whose names this namespace did not tell
};

} // namespace TcpLens
