package org.osprey.alertmanager.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * A whole-state snapshot file, replaced atomically on each write.
 *
 * <p>Format: 8-byte magic {@code OSPRYAM1}, 4-byte format-name length and UTF-8 name (e.g.
 * {@code silences}), 4-byte version, 4-byte payload length, payload (UTF-8 JSON), 4-byte CRC32C
 * of the payload; all integers big-endian. Readers check magic, name, version and checksum and
 * name the file in the error. Thread-safe: stateless per call; callers serialise writes to one file.
 */
public final class SnapshotFile {
    private static final byte[] MAGIC = "OSPRYAM1".getBytes(StandardCharsets.US_ASCII);

    private SnapshotFile() {
    }

    /** Writes the payload to a temporary sibling, forces it to disk, then renames it over {@code file}. */
    public static void write(Path file, String format, int version, byte[] payload) throws IOException {
        byte[] name = format.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + name.length + 8 + payload.length + 4);
        b.put(MAGIC).putInt(name.length).put(name).putInt(version).putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        b.putInt((int) crc.getValue());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            b.flip();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads a snapshot's payload, or null when the file does not exist.
     *
     * @throws IOException naming the file when it is corrupt or of another format or version
     */
    public static byte[] read(Path file, String format, int version) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not an Osprey alertmanager snapshot (bad magic)");
            }
            byte[] name = new byte[b.getInt()];
            b.get(name);
            String got = new String(name, StandardCharsets.UTF_8);
            if (!got.equals(format)) {
                throw new IOException(file + ": snapshot holds " + got + ", expected " + format);
            }
            int v = b.getInt();
            if (v != version) {
                throw new IOException(file + ": unsupported " + format + " snapshot version " + v);
            }
            byte[] payload = new byte[b.getInt()];
            b.get(payload);
            CRC32C crc = new CRC32C();
            crc.update(payload);
            if (b.getInt() != (int) crc.getValue()) {
                throw new IOException(file + ": checksum mismatch in " + format + " snapshot");
            }
            return payload;
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IOException(file + ": truncated " + format + " snapshot", e);
        }
    }
}
