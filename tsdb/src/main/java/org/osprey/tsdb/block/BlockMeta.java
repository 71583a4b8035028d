package org.osprey.tsdb.block;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A block's {@code meta.json}, in Prometheus's shape (ulid, minTime, maxTime exclusive, stats,
 * compaction level and sources, version). Thread-safe: immutable.
 */
public record BlockMeta(String ulid, long minTime, long maxTime, long numSamples, long numSeries, long numChunks,
                        int level, List<String> sources) {
    public static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("ulid", ulid);
        root.put("minTime", minTime);
        root.put("maxTime", maxTime);
        ObjectNode stats = root.putObject("stats");
        stats.put("numSamples", numSamples);
        stats.put("numSeries", numSeries);
        stats.put("numChunks", numChunks);
        ObjectNode comp = root.putObject("compaction");
        comp.put("level", level);
        ArrayNode src = comp.putArray("sources");
        sources.forEach(src::add);
        root.put("version", VERSION);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }

    public static BlockMeta read(Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(Files.readAllBytes(file));
        } catch (RuntimeException e) {
            throw new IOException("unreadable " + file + ": " + e.getMessage(), e);
        }
        if (n.path("version").asInt() != VERSION) {
            throw new IOException("unsupported block meta version " + n.path("version") + " in " + file);
        }
        List<String> sources = new ArrayList<>();
        n.path("compaction").path("sources").forEach(s -> sources.add(s.asString()));
        JsonNode st = n.path("stats");
        return new BlockMeta(n.path("ulid").asString(), n.path("minTime").asLong(), n.path("maxTime").asLong(),
                st.path("numSamples").asLong(), st.path("numSeries").asLong(), st.path("numChunks").asLong(),
                n.path("compaction").path("level").asInt(1), List.copyOf(sources));
    }
}
