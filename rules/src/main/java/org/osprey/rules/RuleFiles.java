package org.osprey.rules;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Expands {@code rule_files} entries: a glob in the last path element ({@code rules/*.yml}) is
 * matched against the directory, relative entries resolve against the config file's directory,
 * and a plain path is kept as is (so a missing file is reported when loading). Thread-safe: stateless.
 */
public final class RuleFiles {
    private RuleFiles() {
    }

    public static List<Path> expand(List<String> patterns, Path baseDir) throws IOException {
        TreeSet<Path> out = new TreeSet<>();
        List<Path> plain = new ArrayList<>();
        for (String p : patterns) {
            Path path = baseDir == null ? Path.of(p) : baseDir.resolve(p);
            String last = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!last.contains("*") && !last.contains("?") && !last.contains("[")) {
                plain.add(path);
                continue;
            }
            Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, last)) {
                for (Path f : ds) {
                    if (Files.isRegularFile(f)) {
                        out.add(f);
                    }
                }
            }
        }
        List<Path> all = new ArrayList<>(plain);
        for (Path p : out) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        return all;
    }
}
