#!/usr/bin/env python3
"""Writes a delimited io.prometheus.client.MetricFamily body (hand-encoded, no protobuf library)
for the side-by-side check: a gauge with labels, a counter, a summary and a histogram."""
import struct
import sys


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(num, wire, payload):
    tag = varint((num << 3) | wire)
    if wire == 2:
        return tag + varint(len(payload)) + payload
    return tag + payload


def s(num, text):
    return field(num, 2, text.encode())


def d(num, value):
    return field(num, 1, struct.pack('<d', value))


def v(num, value):
    return field(num, 0, varint(value))


def label(name, value):
    return field(1, 2, s(1, name) + s(2, value))


def family(name, help_text, mtype, metrics):
    body = s(1, name) + (s(2, help_text) if help_text else b'') + v(3, mtype)
    for m in metrics:
        body += field(4, 2, m)
    return varint(len(body)) + body


out = b''
out += family('pb_gauge', 'A protobuf gauge.', 1, [label('a', 'x') + field(2, 2, d(1, 1.5)),
                                                   label('a', 'y') + field(2, 2, d(1, -2e-9))])
# empty label values: kept by upstream 1.5 (pb_empty{e=""} and pb_empty are two metrics)
out += family('pb_empty', None, 1, [label('e', '') + label('f', 'y') + field(2, 2, d(1, 1.0)),
                                    field(2, 2, d(1, 2.0)),
                                    label('a', '') + label('b', '') + field(2, 2, d(1, 3.0))])
out += family('pb_requests_total', None, 0, [field(3, 2, d(1, 12345678.0))])
out += family('pb_summary', 'Sizes.', 2, [field(4, 2, v(1, 7) + d(2, 3.5) + field(3, 2, d(1, 0.5) + d(2, 0.25))
                                                 + field(3, 2, d(1, 0.99) + d(2, 1.0)))])
out += family('pb_hist', None, 4, [label('path', '/x') + field(7, 2, v(1, 5) + d(2, 2.25)
                                                               + field(3, 2, v(1, 2) + d(2, 0.1))
                                                               + field(3, 2, v(1, 5) + d(2, 1.0)))])
sys.stdout.buffer.write(out)
