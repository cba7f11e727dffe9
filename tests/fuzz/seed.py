#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed the fuzz corpora from captures: every ICMPv6 ND message of an
Ethernet capture goes to corpus/ndp, every LINKTYPE_VSOCK frame to
corpus/vsockmon, named seed-<capture>-<frame>. Plain pcap reader, no deps.
usage: seed.py CORPUS_DIR CAPTURE..."""
import hashlib
import os
import struct
import sys

ND_TYPES = {133, 134, 135, 136, 137, 141, 142, 148, 149}


def frames(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return              # pcapng and others: not seeded
    linktype = struct.unpack(e + "I", data[20:24])[0]
    off, n = 24, 0
    while off + 16 <= len(data):
        incl = struct.unpack(e + "I", data[off + 8:off + 12])[0]
        off += 16
        n += 1
        yield linktype, n, data[off:off + incl]
        off += incl


def icmpv6(pkt):
    if len(pkt) < 14 + 40 or pkt[12:14] != b"\x86\xdd":
        return None
    ip = pkt[14:]
    nxt, off = ip[6], 40
    while nxt in (0, 43, 60) and off + 8 <= len(ip):    # hop-by-hop, routing, dest opts
        nxt, off = ip[off], off + (ip[off + 1] + 1) * 8
    if nxt != 58 or off >= len(ip):
        return None
    return ip[off:]


def main():
    corpus = sys.argv[1]
    added = 0
    for cap in sys.argv[2:]:
        base = os.path.splitext(os.path.basename(cap))[0]
        for linktype, n, pkt in frames(cap):
            if linktype == 1:
                msg, sub = icmpv6(pkt), "ndp"
                if not msg or msg[0] not in ND_TYPES:
                    continue
            elif linktype == 271:
                msg, sub = pkt, "vsockmon"
            else:
                continue
            d = os.path.join(corpus, sub)
            os.makedirs(d, exist_ok=True)
            digest = hashlib.sha1(msg).hexdigest()[:8]
            path = os.path.join(d, "seed-%s-%d-%s" % (base, n, digest))
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(msg)
                added += 1
    print("seed.py: %d new inputs" % added)


if __name__ == "__main__":
    main()
