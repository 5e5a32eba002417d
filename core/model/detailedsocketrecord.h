// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketdetails.h"
#include "model/socketrecord.h"

namespace TcpLens {

// A socket with everything its dump said: what the inet_diag decoder makes, and what the exports,
// the recording's codec and the agent's stream read and write. A snapshot stores the two parts apart
// (SocketSnapshot::Data::sockets and ::details) so that it can leave the details out.
struct DetailedSocketRecord : SocketRecord
{
    SocketDetails details;
};

} // namespace TcpLens
