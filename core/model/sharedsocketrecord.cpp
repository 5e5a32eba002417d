// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sharedsocketrecord.h"

namespace TcpLens {

SharedSocketRecord SharedSocketRecord::copyOf(const SocketRecord &record)
{
    return SharedSocketRecord(std::make_shared<const SocketRecord>(record));
}

void SharedSocketRecord::detach()
{
    if (m_record)
        m_record = std::make_shared<const SocketRecord>(*m_record);
}

const SocketRecord &SharedSocketRecord::empty()
{
    static const SocketRecord none;
    return none;
}

} // namespace TcpLens
