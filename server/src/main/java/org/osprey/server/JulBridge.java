package org.osprey.server;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging (and System.Logger, which defaults to it) from the other modules into
 * the server's log, so {@code --log.level} and {@code --log.format} apply to every line.
 * Thread-safe: {@link ServerLog} writes each line atomically.
 */
final class JulBridge extends Handler {
    private final ServerLog log;

    private JulBridge(ServerLog log) {
        this.log = log;
    }

    /** Replaces the root logger's handlers with this bridge. */
    static void install(ServerLog log) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(log.enabled("debug") ? Level.FINE : Level.INFO);
        root.addHandler(new JulBridge(log));
    }

    @Override
    public void publish(LogRecord r) {
        int v = r.getLevel().intValue();
        String level = v >= Level.SEVERE.intValue() ? "error" : v >= Level.WARNING.intValue() ? "warn"
                : v >= Level.INFO.intValue() ? "info" : "debug";
        if (!log.enabled(level)) {
            return;
        }
        String msg = r.getMessage();
        if (msg != null && r.getParameters() != null && r.getParameters().length > 0) {
            try {
                msg = java.text.MessageFormat.format(msg, r.getParameters());
            } catch (IllegalArgumentException e) {
                // keep the raw pattern
            }
        }
        String component = r.getLoggerName() == null ? "" : r.getLoggerName();
        int dot = component.lastIndexOf('.');
        component = dot < 0 ? component : component.substring(dot + 1);
        if (r.getThrown() != null) {
            log.log(level, String.valueOf(msg), "component", component, "err", String.valueOf(r.getThrown()));
        } else {
            log.log(level, String.valueOf(msg), "component", component);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
