package org.osprey.scrape.config;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code file_sd_configs} entry: glob patterns (resolved against the config folder) of JSON or
 * YAML target group files, re-read every {@code refreshIntervalMillis} and on change.
 * Thread-safe: immutable.
 */
public record FileSdConfig(List<String> files, long refreshIntervalMillis) {
    public static final long DEFAULT_REFRESH_MILLIS = 5 * 60_000;
    private static final Pattern VALID = Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");

    public FileSdConfig {
        files = List.copyOf(files);
    }

    static FileSdConfig parse(YamlNode n, Path baseDir) throws ConfigException {
        YamlNode.Fields f = n.fields("file.SDConfig");
        List<String> raw = f.strings("files");
        long refresh = f.durationMillis("refresh_interval", DEFAULT_REFRESH_MILLIS);
        f.done();
        if (raw.isEmpty()) {
            throw n.error("file service discovery config must contain at least one path name");
        }
        List<String> resolved = new java.util.ArrayList<>();
        for (String file : raw) {
            String base = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
            if (!VALID.matcher(base).matches()) {
                throw n.error("path name \"" + file + "\" is not valid for file discovery");
            }
            resolved.add(HttpClientConfig.resolve(baseDir, file));
        }
        return new FileSdConfig(resolved, refresh);
    }
}
