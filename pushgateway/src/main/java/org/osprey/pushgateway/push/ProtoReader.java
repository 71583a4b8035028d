package org.osprey.pushgateway.push;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format from a byte range: varints, fixed 64-bit doubles and
 * length-delimited fields. Unknown fields are skipped by wire type, so newer client fields
 * (exemplars, native histograms, created timestamps) pass harmlessly.
 * Thread-safety: not thread-safe; one per message.
 */
final class ProtoReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    ProtoReader(byte[] buf, int offset, int limit) {
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
    }

    boolean hasMore() {
        return pos < limit;
    }

    int position() {
        return pos;
    }

    long varint() throws PushParseException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new PushParseException("unexpected EOF");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new PushParseException("proto: integer overflow");
    }

    double fixed64AsDouble() throws PushParseException {
        if (limit - pos < 8) {
            throw new PushParseException("unexpected EOF");
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += 8;
        return Double.longBitsToDouble(v);
    }

    /** Reads a length prefix and returns a reader over that many bytes, advancing past them. */
    ProtoReader sub() throws PushParseException {
        long len = varint();
        if (len < 0 || len > limit - pos) {
            throw new PushParseException("unexpected EOF");
        }
        ProtoReader r = new ProtoReader(buf, pos, pos + (int) len);
        pos += (int) len;
        return r;
    }

    String string() throws PushParseException {
        ProtoReader r = sub();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(buf, r.pos, r.limit - r.pos)).toString();
        } catch (CharacterCodingException e) {
            throw new PushParseException("proto: string field contains invalid UTF-8");
        }
    }

    /** Skips a field of the given wire type. */
    void skip(int wireType) throws PushParseException {
        switch (wireType) {
            case 0 -> varint();
            case 1 -> {
                if (limit - pos < 8) {
                    throw new PushParseException("unexpected EOF");
                }
                pos += 8;
            }
            case 2 -> sub();
            case 5 -> {
                if (limit - pos < 4) {
                    throw new PushParseException("unexpected EOF");
                }
                pos += 4;
            }
            default -> throw new PushParseException("proto: illegal wireType " + wireType);
        }
    }
}
