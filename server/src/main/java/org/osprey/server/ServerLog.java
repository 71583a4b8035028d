package org.osprey.server;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import org.osprey.model.value.JsonStrings;

/**
 * The server's structured log in Prometheus's two formats ({@code logfmt}, {@code json}) with
 * {@code --log.level} filtering. Thread-safe: each line is written with one synchronized print.
 */
public final class ServerLog {
    private final PrintStream out;
    private final int minLevel;
    private final boolean json;

    public ServerLog(PrintStream out, String level, String format) {
        this.out = out;
        this.minLevel = rank(level);
        this.json = format.equals("json");
    }

    private static int rank(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "debug" -> 0;
            case "info" -> 1;
            case "warn" -> 2;
            default -> 3;
        };
    }

    public boolean enabled(String level) {
        return rank(level) >= minLevel;
    }

    public void debug(String msg, Object... kv) {
        log("debug", msg, kv);
    }

    public void info(String msg, Object... kv) {
        log("info", msg, kv);
    }

    public void warn(String msg, Object... kv) {
        log("warn", msg, kv);
    }

    public void error(String msg, Object... kv) {
        log("error", msg, kv);
    }

    /** Writes one line: time, level, msg, then the key/value pairs. */
    public void log(String level, String msg, Object... kv) {
        if (!enabled(level)) {
            return;
        }
        StringBuilder sb = new StringBuilder(128);
        String ts = Instant.now().toString();
        if (json) {
            sb.append("{\"time\":\"").append(ts).append("\",\"level\":\"").append(level).append("\",\"msg\":");
            JsonStrings.appendQuoted(sb, msg);
            for (int i = 0; i + 1 < kv.length; i += 2) {
                sb.append(',');
                JsonStrings.appendQuoted(sb, String.valueOf(kv[i]));
                sb.append(':');
                JsonStrings.appendQuoted(sb, String.valueOf(kv[i + 1]));
            }
            sb.append('}');
        } else {
            sb.append("time=").append(ts).append(" level=").append(level).append(" msg=");
            logfmtValue(sb, msg);
            for (int i = 0; i + 1 < kv.length; i += 2) {
                sb.append(' ').append(kv[i]).append('=');
                logfmtValue(sb, String.valueOf(kv[i + 1]));
            }
        }
        out.println(sb);
    }

    private static void logfmtValue(StringBuilder sb, String v) {
        boolean quote = v.isEmpty();
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c <= ' ' || c == '"' || c == '=';
        }
        if (quote) {
            JsonStrings.appendQuoted(sb, v);
        } else {
            sb.append(v);
        }
    }
}
