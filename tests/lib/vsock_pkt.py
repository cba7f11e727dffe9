# SPDX-License-Identifier: GPL-2.0-or-later
"""Hand-built LINKTYPE_VSOCK (271) frames and pcap files for the vsockmon
dissector tests: the 32-byte vsockmon header (include/uapi/linux/vsockmon.h)
and the 44-byte virtio-vsock header (include/uapi/linux/virtio_vsock.h),
both little-endian. Independent of the C codec on purpose."""
import struct

LINKTYPE_VSOCK = 271

# af_vsockmon_op / af_vsockmon_transport
MON_CONNECT, MON_DISCONNECT, MON_CONTROL, MON_PAYLOAD = 1, 2, 3, 4
TRANSPORT_NO_INFO, TRANSPORT_VIRTIO = 1, 2
# virtio_vsock_type / virtio_vsock_op
STREAM, SEQPACKET = 1, 2
REQUEST, RESPONSE, RST, SHUTDOWN, RW, CREDIT_UPDATE, CREDIT_REQUEST = 1, 2, 3, 4, 5, 6, 7
SHUT_RCV, SHUT_SEND = 1, 2
EOM, EOR = 1, 2

_MON_OF = {REQUEST: MON_CONNECT, RESPONSE: MON_CONNECT, RST: MON_DISCONNECT,
           SHUTDOWN: MON_DISCONNECT, RW: MON_PAYLOAD, CREDIT_UPDATE: MON_CONTROL,
           CREDIT_REQUEST: MON_CONTROL}


def mon_hdr(src_cid, dst_cid, src_port, dst_port, op, transport=TRANSPORT_VIRTIO,
            hlen=44, reserved=0):
    return struct.pack("<QQIIHHHH", src_cid, dst_cid, src_port, dst_port, op,
                       transport, hlen, reserved)


def virtio_hdr(src_cid, dst_cid, src_port, dst_port, length, vtype, op, flags=0,
               buf_alloc=262144, fwd_cnt=0):
    return struct.pack("<QQIIIHHIII", src_cid, dst_cid, src_port, dst_port, length,
                       vtype, op, flags, buf_alloc, fwd_cnt)


def frame(src, dst, op, payload=b"", vtype=STREAM, flags=0, buf_alloc=262144,
          fwd_cnt=0, mon_op=None, vlen=None, mon_src=None, mon_dst=None,
          hlen=44, reserved=0, transport=TRANSPORT_VIRTIO):
    """src/dst are (cid, port). Overrides make inconsistent frames."""
    ms = mon_src or src
    md = mon_dst or dst
    m = mon_hdr(ms[0], md[0], ms[1], md[1], _MON_OF.get(op, 0) if mon_op is None else mon_op,
                transport, hlen, reserved)
    v = virtio_hdr(src[0], dst[0], src[1], dst[1], len(payload) if vlen is None else vlen,
                   vtype, op, flags, buf_alloc, fwd_cnt)
    return m + v + payload


def write_pcap(path, frames, t0=1700000000.0, step=0.001, snaplen=262144):
    """frames: list of bytes, or (bytes, time) or (bytes, time, caplen)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, LINKTYPE_VSOCK))
        for i, fr in enumerate(frames):
            caplen = None
            if isinstance(fr, tuple):
                data, t = fr[0], fr[1]
                if len(fr) > 2:
                    caplen = fr[2]
            else:
                data, t = fr, t0 + i * step
            cap = data[:caplen] if caplen is not None else data
            sec = int(t)
            usec = int(round((t - sec) * 1e6))
            f.write(struct.pack("<IIII", sec, usec, len(cap), len(data)))
            f.write(cap)


class Conn:
    """A stream or seqpacket connection between a client and a server, with
    kernel-like credit bookkeeping so clean scenarios stay clean."""

    def __init__(self, client, server, vtype=STREAM, buf=262144):
        self.c, self.s, self.vtype = client, server, vtype
        self.buf = {client: buf, server: buf}
        self.fwd = {client: 0, server: 0}

    def pkt(self, frm, op, payload=b"", flags=0, **kw):
        to = self.s if frm == self.c else self.c
        kw.setdefault("buf_alloc", self.buf[frm])
        kw.setdefault("fwd_cnt", self.fwd[frm])
        return frame(frm, to, op, payload, vtype=self.vtype, flags=flags, **kw)

    def consume(self, who, n):
        """who's application read n bytes (fwd_cnt advances)."""
        self.fwd[who] += n
