package org.osprey.server.cli;

import java.util.List;

/**
 * One command-line flag: its name without dashes, kind, default text and help line.
 * Thread-safe: immutable.
 *
 * @param name         e.g. {@code web.listen-address}
 * @param kind         how the value is checked
 * @param defaultValue default as text, or "" when none
 * @param help         one line shown by {@code --help}
 * @param choices      accepted words for {@link FlagKind#ENUM}, else empty
 */
public record FlagSpec(String name, FlagKind kind, String defaultValue, String help, List<String> choices) {
    public FlagSpec {
        choices = List.copyOf(choices);
    }

    public static FlagSpec of(String name, FlagKind kind, String defaultValue, String help) {
        return new FlagSpec(name, kind, defaultValue, help, List.of());
    }

    public static FlagSpec choice(String name, String defaultValue, String help, String... choices) {
        return new FlagSpec(name, FlagKind.ENUM, defaultValue, help, List.of(choices));
    }
}
