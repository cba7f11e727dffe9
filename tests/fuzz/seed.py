#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed the fuzz corpora from captures: every ICMPv6 ND message of an
Ethernet capture goes to corpus/ndp, every LINKTYPE_VSOCK frame to
corpus/vsockmon, named seed-<capture>-<frame>. Plain pcap reader, no deps.
With --dissect, seeds for the dissector harness (fuzz_dissect.c) instead:
corpus/dissect_ndisc gets each ND packet as a whole IPv6 packet and
corpus/dissect_vsockmon each distinct vsock frame header layout, and both
get one multi-packet input per capture ("SSMP" + [u16 le length][packet]
records, at most MULTI_MAX octets) so connection and NS/NA state is seeded.
usage: seed.py [--dissect] CORPUS_DIR CAPTURE..."""
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


MULTI_MAX = 16 * 1024
SINGLE_MAX = 8 * 1024      # bigger frames only inside multi-packet seeds


def ipv6_nd(pkt):
    """The IPv6 packet of an Ethernet frame carrying an ND message."""
    msg = icmpv6(pkt)
    if not msg or msg[0] not in ND_TYPES:
        return None
    return pkt[14:]


def vsock_key(frame):
    """Frames that differ only in payload bytes seed the same paths, but
    for the payload's first 4 octets: the application heuristics of
    packet-vsockmon-apps.c (SSH-, TLS record, HTTP/2 preface, JSON) and
    the HTTP one look there (text or a TLS record header only: bulk
    data's random octets would add a seed per frame)."""
    if len(frame) < 32 + 44:
        return frame
    head = frame[76:80]
    textual = all(32 <= c < 127 for c in head)
    tls = len(head) >= 2 and 20 <= head[0] <= 23 and head[1] == 3
    return (frame[24:28] + frame[32 + 28:32 + 36] + bytes([len(frame) > 76]) +
            (head if textual or tls else b""))


def known(d, digest):
    """An input with these contents is already there, under any name."""
    return os.path.isdir(d) and any(f.endswith("-" + digest) for f in os.listdir(d))


def save(d, name, data):
    os.makedirs(d, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:8]
    path = os.path.join(d, "%s-%s" % (name, digest))
    if os.path.exists(path) or known(d, digest):
        return 0
    with open(path, "wb") as f:
        f.write(data)
    return 1


def existing_keys(corpus):
    """Keys of the single-packet seeds already kept, so a rerun over
    regenerated captures adds only new layouts."""
    seen = set()
    for sub in ("dissect_ndisc", "dissect_vsockmon"):
        d = os.path.join(corpus, sub)
        for name in (os.listdir(d) if os.path.isdir(d) else []):
            with open(os.path.join(d, name), "rb") as f:
                data = f.read()
            if not data.startswith(b"SSMP"):
                seen.add(vsock_key(data) if sub == "dissect_vsockmon" else data)
    return seen


def dissect_main(corpus, caps):
    added, seen = 0, existing_keys(corpus)
    for cap in caps:
        base = os.path.splitext(os.path.basename(cap))[0]
        multi = []
        sub = None
        for linktype, n, pkt in frames(cap):
            if linktype == 1:
                msg, sub = ipv6_nd(pkt), "dissect_ndisc"
                key = msg
            elif linktype == 271:
                msg, sub = pkt, "dissect_vsockmon"
                key = vsock_key(pkt)
            else:
                continue
            if msg is None:
                continue
            if key not in seen and len(msg) <= SINGLE_MAX:
                seen.add(key)
                added += save(os.path.join(corpus, sub), "seed-%s-%d" % (base, n), msg)
            if sum(len(m) + 2 for m in multi) + len(msg) + 2 <= MULTI_MAX:
                multi.append(msg)
        d = os.path.join(corpus, sub) if sub else None
        if d and os.path.isdir(d) and any(f.startswith("seed-multi-%s-" % base) for f in os.listdir(d)):
            continue            # one multi-packet seed per capture name
        if sub and len(multi) > 1:
            data = b"SSMP" + b"".join(struct.pack("<H", len(m)) + m for m in multi)
            added += save(os.path.join(corpus, sub), "seed-multi-%s" % base, data)
    print("seed.py: %d new inputs" % added)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--dissect":
        return dissect_main(sys.argv[2], sys.argv[3:])
    corpus = sys.argv[1]
    added, seen = 0, set()
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
            key = (sub, vsock_key(msg) if sub == "vsockmon" else msg)
            if key in seen:     # payload bytes alone add nothing for the codec
                continue
            seen.add(key)
            d = os.path.join(corpus, sub)
            os.makedirs(d, exist_ok=True)
            digest = hashlib.sha1(msg).hexdigest()[:8]
            path = os.path.join(d, "seed-%s-%d-%s" % (base, n, digest))
            if not os.path.exists(path) and not known(d, digest):
                with open(path, "wb") as f:
                    f.write(msg)
                added += 1
    print("seed.py: %d new inputs" % added)


if __name__ == "__main__":
    main()
