package org.osprey.pushgateway.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;
import org.osprey.pushgateway.store.MetricGroup;

/**
 * The persistence file: a whole-store snapshot written atomically (temporary file, fsync,
 * rename), so a crash leaves either the previous or the new snapshot, never a torn one.
 *
 * <p>Format, version 1, big-endian ({@link DataOutputStream} primitives; a string is
 * {@code int length + UTF-8 bytes}):
 * <pre>
 * magic "OSPGWSNP" (8 bytes) | version int = 1 | group count int
 * per group:  labels | pushTimeSeconds double | pushFailureTimeSeconds double
 *             | lastChangeMillis long | expiresAtMillis long | family count int
 * per family: name str | hasHelp bool [help str] | type byte (metrics.proto number) | metric count int
 * per metric: labels | value double | sampleCount double | sampleSum double
 *             | n int | n bounds double | n counts double | timestampMillis long
 * labels:     count int | (name str | value str)*
 * trailer:    CRC32C int over every preceding byte
 * </pre>
 * Readers check magic, version and checksum and name the file in the error.
 * Thread-safety: stateless; callers serialize writes to one path.
 */
public final class SnapshotFile {
    private static final byte[] MAGIC = "OSPGWSNP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private SnapshotFile() {
    }

    /** Thrown when a snapshot exists but cannot be trusted. */
    public static final class CorruptSnapshotException extends IOException {
        CorruptSnapshotException(Path file, String problem) {
            super("persistence file " + file + ": " + problem);
        }
    }

    /** Writes the groups atomically; returns the file size in bytes. */
    public static long write(Path file, List<MetricGroup> groups) throws IOException {
        byte[] bytes = encode(groups);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bb = ByteBuffer.wrap(bytes);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return bytes.length;
    }

    /** The snapshot bytes for some groups (the whole file: magic to checksum). */
    static byte[] encode(List<MetricGroup> groups) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
        DataOutputStream out = new DataOutputStream(buf);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(groups.size());
        for (MetricGroup g : groups) {
            writeLabels(out, g.groupingKey());
            out.writeDouble(g.pushTimeSeconds());
            out.writeDouble(g.pushFailureTimeSeconds());
            out.writeLong(g.lastChangeMillis());
            out.writeLong(g.expiresAtMillis());
            out.writeInt(g.families().size());
            for (Family f : g.families().values()) {
                writeString(out, f.name());
                out.writeBoolean(f.help() != null);
                if (f.help() != null) {
                    writeString(out, f.help());
                }
                out.writeByte(f.type().protoNumber());
                out.writeInt(f.metrics().size());
                for (Metric m : f.metrics()) {
                    writeLabels(out, m.labels());
                    out.writeDouble(m.value());
                    out.writeDouble(m.sampleCount());
                    out.writeDouble(m.sampleSum());
                    out.writeInt(m.bounds().length);
                    for (double b : m.bounds()) {
                        out.writeDouble(b);
                    }
                    for (double c : m.counts()) {
                        out.writeDouble(c);
                    }
                    out.writeLong(m.timestampMillis());
                }
            }
        }
        out.flush();
        CRC32C crc = new CRC32C();
        crc.update(buf.toByteArray());
        out.writeInt((int) crc.getValue());
        return buf.toByteArray();
    }

    /** Reads a snapshot; an absent file is an empty store. */
    public static List<MetricGroup> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return decode(Files.readAllBytes(file), file);
    }

    /** Parses snapshot bytes; {@code file} only names the source in errors. */
    static List<MetricGroup> decode(byte[] bytes, Path file) throws IOException {
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new CorruptSnapshotException(file, "not an Osprey Pushgateway snapshot (bad magic)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new CorruptSnapshotException(file, "checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length - 4));
        int version = in.readInt();
        if (version != VERSION) {
            throw new CorruptSnapshotException(file, "unsupported version " + version);
        }
        int groupCount = in.readInt();
        List<MetricGroup> groups = new ArrayList<>(groupCount);
        for (int gi = 0; gi < groupCount; gi++) {
            LabelPairs key = readLabels(in);
            double pushTime = in.readDouble();
            double failureTime = in.readDouble();
            long lastChange = in.readLong();
            long expiresAt = in.readLong();
            int familyCount = in.readInt();
            Map<String, Family> families = new LinkedHashMap<>();
            for (int fi = 0; fi < familyCount; fi++) {
                String name = readString(in);
                String help = in.readBoolean() ? readString(in) : null;
                MetricType type = MetricType.fromProto(in.readByte());
                if (type == null) {
                    throw new CorruptSnapshotException(file, "unknown metric type in family " + name);
                }
                int metricCount = in.readInt();
                List<Metric> metrics = new ArrayList<>(metricCount);
                for (int mi = 0; mi < metricCount; mi++) {
                    LabelPairs labels = readLabels(in);
                    double value = in.readDouble();
                    double count = in.readDouble();
                    double sum = in.readDouble();
                    int n = in.readInt();
                    double[] bounds = new double[n];
                    double[] counts = new double[n];
                    for (int i = 0; i < n; i++) {
                        bounds[i] = in.readDouble();
                    }
                    for (int i = 0; i < n; i++) {
                        counts[i] = in.readDouble();
                    }
                    metrics.add(new Metric(labels, value, count, sum, bounds, counts, in.readLong()));
                }
                families.put(name, new Family(name, help, type, metrics));
            }
            groups.add(new MetricGroup(key, families, pushTime, failureTime, lastChange, expiresAt));
        }
        return groups;
    }

    private static void writeLabels(DataOutputStream out, LabelPairs labels) throws IOException {
        out.writeInt(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            writeString(out, labels.name(i));
            writeString(out, labels.value(i));
        }
    }

    private static LabelPairs readLabels(DataInputStream in) throws IOException {
        int n = in.readInt();
        String[] nv = new String[n * 2];
        for (int i = 0; i < nv.length; i++) {
            nv[i] = readString(in);
        }
        return LabelPairs.of(nv);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("string length " + n + " out of range");
        }
        return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }
}
