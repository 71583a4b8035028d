package org.osprey.scrape.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.Labels;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a file_sd file: a JSON or YAML list of {@code {targets: [...], labels: {...}}}, strict
 * about unknown keys, every group tagged with {@code __meta_filepath}. Thread-safe: stateless.
 */
public final class TargetGroupFiles {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TargetGroupFiles() {
    }

    /**
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file and the problem when its content is invalid
     */
    public static List<TargetGroup> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        Object root;
        try {
            root = name.endsWith(".json") ? fromJson(JSON.readTree(text)) : yaml().load(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        List<TargetGroup> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": expected a list of target groups");
        }
        String path = file.toString();
        int i = 0;
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(file + ": target group " + i + " is not a map");
            }
            List<String> targets = new ArrayList<>();
            Map<String, String> labels = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                switch (k) {
                    case "targets" -> {
                        if (e.getValue() instanceof List<?> tl) {
                            tl.forEach(t -> targets.add(String.valueOf(t)));
                        } else if (e.getValue() != null) {
                            throw new IllegalArgumentException(file + ": targets of group " + i + " is not a list");
                        }
                    }
                    case "labels" -> {
                        if (e.getValue() instanceof Map<?, ?> lm) {
                            lm.forEach((lk, lv) -> labels.put(String.valueOf(lk), lv == null ? "" : String.valueOf(lv)));
                        } else if (e.getValue() != null) {
                            throw new IllegalArgumentException(file + ": labels of group " + i + " is not a map");
                        }
                    }
                    default -> throw new IllegalArgumentException(file + ": field " + k + " not found in type targetgroup.Group");
                }
            }
            TargetGroup g;
            try {
                g = TargetGroup.of(targets, labels, path + ":" + i);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            out.add(new TargetGroup(g.targets(), g.labels().toBuilder().set("__meta_filepath", path).build(), g.source()));
            i++;
        }
        return out;
    }

    private static Yaml yaml() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(o));
    }

    private static Object fromJson(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(c -> l.add(fromJson(c)));
            return l;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (var e : n.properties()) {
                m.put(e.getKey(), fromJson(e.getValue()));
            }
            return m;
        }
        return n.asString();
    }

}
