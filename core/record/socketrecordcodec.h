// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/detailedsocketrecord.h"
#include "record/bytereader.h"
#include "record/bytewriter.h"

namespace TcpLens {

// One socket (its record and details) as the fields that differ from another one: a varint bit mask (one bit per field,
// in the order of socketrecordcodec.cpp's table, which only ever grows at its end), then each
// differing field. Against a default-constructed record it is a whole socket; against the same
// socket in the previous snapshot, what changed between two polls (usually a few tcp_info figures).
// Pure code over bytes: a recording's rows and a remote agent's stream use the same encoding.

// Writes the difference from `base` to `socket` (a mask of 0 when there is none).
void encodeSocketRecord(ByteWriter &out, const DetailedSocketRecord &base, const DetailedSocketRecord &socket);
// True when every encoded field of the two is equal (what encodeSocketRecord() compares).
bool sameSocketRecord(const DetailedSocketRecord &a, const DetailedSocketRecord &b);
// Applies one encoded difference to `socket` (a copy of its base). A field that does not fit its
// type, a state or timer the kernel has no number for, or bytes missing fail the reader.
void decodeSocketRecord(ByteReader &in, DetailedSocketRecord &socket);

} // namespace TcpLens
