package org.osprey.alertmanager.template;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osprey.alertmanager.config.ConfigException;

/**
 * The user template files named by {@code templates:} globs, read once per (re)load. A glob that
 * matches nothing is fine, as upstream. Thread-safe: immutable.
 */
public final class TemplateSet {
    private final Map<Path, String> files;

    private TemplateSet(Map<Path, String> files) {
        this.files = files;
    }

    public static TemplateSet empty() {
        return new TemplateSet(Map.of());
    }

    /** Expands the globs (only the file-name part may hold wildcards) and reads each match. */
    public static TemplateSet load(List<String> globs) throws ConfigException {
        Map<Path, String> out = new LinkedHashMap<>();
        for (String g : globs) {
            Path p = Path.of(g);
            Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
            String pattern = p.getFileName().toString();
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> matches = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, pattern)) {
                for (Path f : ds) {
                    if (Files.isRegularFile(f)) {
                        matches.add(f);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new ConfigException("invalid template glob " + g + ": " + e.getMessage(), e);
            }
            matches.sort(null);
            for (Path f : matches) {
                try {
                    out.put(f, Files.readString(f));
                } catch (IOException e) {
                    throw new ConfigException("failed to read template " + f + ": " + e.getMessage(), e);
                }
            }
        }
        return new TemplateSet(Map.copyOf(out));
    }

    /** File path to content, in glob order. */
    public Map<Path, String> files() {
        return files;
    }
}
