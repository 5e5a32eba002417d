// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketrecord.h"

#include <memory>

namespace TcpLens {

// A socket record shared with the snapshot that holds it (SocketSnapshot::sharedRecord()) instead
// of copied: the tracker keeps each connection's latest record, and at 120,000 connections a copy
// each was 29 MB beside the snapshot's own. Holding one keeps its whole snapshot alive, so what
// outlives the next snapshot (a closed connection) takes a copy of its own with detach(). Never
// null: an empty one reads as a default SocketRecord.
class SharedSocketRecord
{
public:
    SharedSocketRecord() = default;
    explicit SharedSocketRecord(std::shared_ptr<const SocketRecord> record)
        : m_record(std::move(record))
    {
    }
    static SharedSocketRecord copyOf(const SocketRecord &record);

    const SocketRecord &operator*() const { return m_record ? *m_record : empty(); }
    const SocketRecord *operator->() const { return &**this; }
    // From now on a record of its own, whatever held it before.
    void detach();

private:
    static const SocketRecord &empty();

    std::shared_ptr<const SocketRecord> m_record;
};

} // namespace TcpLens
