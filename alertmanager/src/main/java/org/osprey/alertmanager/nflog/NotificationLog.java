package org.osprey.alertmanager.nflog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osprey.alertmanager.persist.SnapshotFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The notification log: for each (group key, receiver integration) the firing and resolved alert
 * fingerprints of the last successful notification and when it was sent. The dedup stage reads it
 * to decide whether a flush must notify; it is persisted to {@code <storage.path>/nflog} (at most
 * a second behind, and at shutdown) so a restart does not resend. Thread-safe: concurrent map; snapshots synchronise on this object.
 */
public final class NotificationLog {
    private static final String FORMAT = "nflog";
    private static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Path file;
    private final long retentionMillis;
    private volatile boolean dirty;

    /**
     * One logged notification.
     *
     * @param firing fingerprints that were firing
     * @param resolved fingerprints that were resolved
     * @param timestamp when it was sent (Unix ms)
     * @param expiresAt when the entry may be forgotten (Unix ms)
     */
    public record Entry(Set<Long> firing, Set<Long> resolved, long timestamp, long expiresAt) {
    }

    public NotificationLog(Path file, long retentionMillis) throws IOException {
        this.file = file;
        this.retentionMillis = retentionMillis;
        if (file != null) {
            load();
        }
    }

    private static String key(String groupKey, String receiverKey) {
        return receiverKey + "\u0000" + groupKey;
    }

    public Entry get(String groupKey, String receiverKey) {
        return entries.get(key(groupKey, receiverKey));
    }

    /**
     * Records a successful notification. The snapshot is written by the next {@link #flush()}
     * (the owner calls it every second and at shutdown), so a burst of notifications costs one
     * write, not one fsync each.
     */
    public void log(String groupKey, String receiverKey, Set<Long> firing, Set<Long> resolved, long now) {
        entries.put(key(groupKey, receiverKey), new Entry(Set.copyOf(firing), Set.copyOf(resolved), now, now + retentionMillis));
        dirty = true;
    }

    public int size() {
        return entries.size();
    }

    /** Forgets expired entries. */
    public void gc(long now) {
        if (entries.values().removeIf(e -> e.expiresAt() < now)) {
            dirty = true;
        }
    }

    /** Writes the snapshot when something changed since the last write. */
    public synchronized void flush() {
        if (file == null || !dirty) {
            return;
        }
        dirty = false;
        ArrayNode arr = JSON.createArrayNode();
        entries.forEach((k, e) -> {
            ObjectNode o = arr.addObject();
            o.put("key", k);
            o.put("timestamp", e.timestamp());
            o.put("expiresAt", e.expiresAt());
            ArrayNode f = o.putArray("firing");
            e.firing().forEach(f::add);
            ArrayNode r = o.putArray("resolved");
            e.resolved().forEach(r::add);
        });
        try {
            SnapshotFile.write(file, FORMAT, VERSION, JSON.writeValueAsBytes(arr));
        } catch (IOException ex) {
            dirty = true;
            System.getLogger(NotificationLog.class.getName()).log(System.Logger.Level.ERROR,
                    "failed to write notification log " + file + ": " + ex.getMessage());
        }
    }

    private void load() throws IOException {
        byte[] payload = SnapshotFile.read(file, FORMAT, VERSION);
        if (payload == null) {
            return;
        }
        for (JsonNode o : JSON.readTree(new String(payload, StandardCharsets.UTF_8))) {
            java.util.HashSet<Long> f = new java.util.HashSet<>();
            o.get("firing").forEach(n -> f.add(n.asLong()));
            java.util.HashSet<Long> r = new java.util.HashSet<>();
            o.get("resolved").forEach(n -> r.add(n.asLong()));
            entries.put(o.get("key").asString(), new Entry(Set.copyOf(f), Set.copyOf(r), o.get("timestamp").asLong(),
                    o.get("expiresAt").asLong()));
        }
    }
}
