package org.osprey.alertmanager.silence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.osprey.alertmanager.persist.SnapshotFile;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.labels.MatchType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The silence store: create, update, expire, query, garbage-collect after retention, and persist
 * to {@code <storage.path>/silences} on every change so silences survive restarts.
 * Thread-safe: mutations synchronise on this object; reads use a concurrent map.
 */
public final class Silences {
    private static final String FORMAT = "silences";
    private static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ConcurrentHashMap<String, Silence> byId = new ConcurrentHashMap<>();
    private final Path file;
    private final long retentionMillis;
    private volatile long version;

    /**
     * @param file snapshot file, or null to keep silences in memory only
     * @param retentionMillis how long expired silences are kept (upstream --data.retention, 120h)
     */
    public Silences(Path file, long retentionMillis) throws IOException {
        this.file = file;
        this.retentionMillis = retentionMillis;
        if (file != null) {
            load();
        }
    }

    /**
     * Creates a silence (empty id) or updates one. As upstream, a silence whose start or matchers
     * cannot change in place is expired and replaced by a new one with a new id.
     *
     * @return the id of the stored silence
     */
    public synchronized String set(Silence s, long now) throws SilenceException {
        validate(s);
        if (s.id() != null && !s.id().isEmpty()) {
            Silence old = byId.get(s.id());
            if (old == null) {
                throw new SilenceException("silence " + s.id() + " not found", true);
            }
            if (canUpdate(old, s, now)) {
                byId.put(old.id(), s.withTimes(s.startsAt(), s.endsAt(), now));
                changed();
                return old.id();
            }
            if (old.stateAt(now) != SilenceState.EXPIRED) {
                expireLocked(old, now);
            }
        }
        long start = Math.max(s.startsAt(), now);
        if (s.endsAt() <= now) {
            throw new SilenceException("end time can't be in the past", false);
        }
        String id = UUID.randomUUID().toString();
        byId.put(id, s.withId(id).withTimes(start, s.endsAt(), now));
        changed();
        return id;
    }

    private static boolean canUpdate(Silence old, Silence s, long now) {
        if (!old.matchers().equals(s.matchers())) {
            return false;
        }
        return switch (old.stateAt(now)) {
            case ACTIVE -> s.startsAt() == old.startsAt() && s.endsAt() >= now;
            case PENDING -> s.startsAt() >= now;
            case EXPIRED -> false;
        };
    }

    private static void validate(Silence s) throws SilenceException {
        if (s.matchers().isEmpty()) {
            throw new SilenceException("at least one matcher required", false);
        }
        boolean allEmpty = true;
        for (LabelMatcher m : s.matchers()) {
            if (!m.matchesEmpty()) {
                allEmpty = false;
            }
        }
        if (allEmpty) {
            throw new SilenceException("at least one matcher must not match the empty string", false);
        }
        if (s.endsAt() < s.startsAt()) {
            throw new SilenceException("end time must not be before start time", false);
        }
        if (s.createdBy() == null || s.createdBy().isEmpty()) {
            throw new SilenceException("creator information missing", false);
        }
        if (s.comment() == null || s.comment().isEmpty()) {
            throw new SilenceException("comment missing", false);
        }
    }

    /** Expires a silence now; a pending one ends before it began. */
    public synchronized void expire(String id, long now) throws SilenceException {
        Silence s = byId.get(id);
        if (s == null) {
            throw new SilenceException("silence " + id + " not found", true);
        }
        if (s.stateAt(now) == SilenceState.EXPIRED) {
            throw new SilenceException("silence " + id + " already expired", false);
        }
        expireLocked(s, now);
        changed();
    }

    private void expireLocked(Silence s, long now) {
        Silence e = s.stateAt(now) == SilenceState.PENDING ? s.withTimes(now, now, now) : s.withTimes(s.startsAt(), now, now);
        byId.put(s.id(), e);
    }

    public Silence get(String id) {
        return byId.get(id);
    }

    /** All silences, in no particular order. */
    public List<Silence> all() {
        return new ArrayList<>(byId.values());
    }

    /** Ids of active silences that mute these labels (empty when none). */
    public List<String> mutedBy(Labels labels, long now) {
        List<String> ids = null;
        for (Silence s : byId.values()) {
            if (s.stateAt(now) == SilenceState.ACTIVE && s.matches(labels)) {
                if (ids == null) {
                    ids = new ArrayList<>(2);
                }
                ids.add(s.id());
            }
        }
        return ids == null ? List.of() : ids;
    }

    /** Counts by state, for metrics. */
    public Map<SilenceState, Integer> countByState(long now) {
        Map<SilenceState, Integer> m = new LinkedHashMap<>();
        for (SilenceState st : SilenceState.values()) {
            m.put(st, 0);
        }
        for (Silence s : byId.values()) {
            m.merge(s.stateAt(now), 1, Integer::sum);
        }
        return m;
    }

    /** Drops silences expired longer than the retention ago; returns how many. */
    public synchronized int gc(long now) {
        int before = byId.size();
        byId.values().removeIf(s -> s.endsAt() + retentionMillis < now);
        int n = before - byId.size();
        if (n > 0) {
            changed();
        }
        return n;
    }

    /** A counter that changes with every mutation, so callers can cache mute results. */
    public long version() {
        return version;
    }

    private void changed() {
        version++;
        if (file != null) {
            try {
                save();
            } catch (IOException e) {
                System.getLogger(Silences.class.getName()).log(System.Logger.Level.ERROR,
                        "failed to write silences snapshot " + file + ": " + e.getMessage());
            }
        }
    }

    private void save() throws IOException {
        ArrayNode arr = JSON.createArrayNode();
        for (Silence s : byId.values()) {
            ObjectNode o = arr.addObject();
            o.put("id", s.id());
            o.put("startsAt", s.startsAt());
            o.put("endsAt", s.endsAt());
            o.put("updatedAt", s.updatedAt());
            o.put("createdBy", s.createdBy());
            o.put("comment", s.comment());
            ArrayNode ms = o.putArray("matchers");
            for (LabelMatcher m : s.matchers()) {
                ms.addObject().put("name", m.name()).put("type", m.type().name()).put("value", m.value());
            }
        }
        SnapshotFile.write(file, FORMAT, VERSION, JSON.writeValueAsBytes(arr));
    }

    private void load() throws IOException {
        byte[] payload = SnapshotFile.read(file, FORMAT, VERSION);
        if (payload == null) {
            return;
        }
        JsonNode arr = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        for (JsonNode o : arr) {
            List<LabelMatcher> ms = new ArrayList<>();
            for (JsonNode m : o.get("matchers")) {
                ms.add(LabelMatcher.of(MatchType.valueOf(m.get("type").asString()), m.get("name").asString(),
                        m.get("value").asString()));
            }
            Silence s = new Silence(o.get("id").asString(), ms, o.get("startsAt").asLong(), o.get("endsAt").asLong(),
                    o.get("updatedAt").asLong(), o.get("createdBy").asString(), o.get("comment").asString());
            byId.put(s.id(), s);
        }
    }
}
