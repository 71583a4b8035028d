package org.osprey.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osprey.model.value.PromDuration;

/**
 * A parser for GNU-style long flags as Prometheus's kingpin accepts them: {@code --name=value},
 * {@code --name value}, bare {@code --bool} / {@code --no-bool}; everything else is positional.
 * Every value is checked against its {@link FlagKind} at parse time so a bad value fails before
 * anything starts. Thread-safe: immutable after construction; {@link #parse} keeps no state.
 */
public final class FlagSet {
    private final String command;
    private final String summary;
    private final Map<String, FlagSpec> specs = new LinkedHashMap<>();

    public FlagSet(String command, String summary, List<FlagSpec> flags) {
        this.command = command;
        this.summary = summary;
        for (FlagSpec f : flags) {
            specs.put(f.name(), f);
        }
    }

    public List<FlagSpec> flags() {
        return List.copyOf(specs.values());
    }

    /**
     * Parses the arguments.
     *
     * @throws UsageException for an unknown flag, a missing or invalid value
     */
    public ParsedFlags parse(String[] args) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    positional.add(args[j]);
                }
                break;
            }
            if (a.equals("-h") || a.equals("--help") || a.equals("--help-long")) {
                help = true;
                continue;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                if (a.startsWith("-") && a.length() > 1) {
                    throw new UsageException("unknown short flag '" + a + "'");
                }
                positional.add(a);
                continue;
            }
            String body = a.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? null : body.substring(eq + 1);
            FlagSpec spec = specs.get(name);
            if (spec == null && value == null && name.startsWith("no-")) {
                FlagSpec neg = specs.get(name.substring(3));
                if (neg != null && neg.kind() == FlagKind.BOOL) {
                    values.put(neg.name(), new ArrayList<>(List.of("false")));
                    continue;
                }
            }
            if (spec == null) {
                throw new UsageException("unknown long flag '--" + name + "'");
            }
            if (value == null) {
                if (spec.kind() == FlagKind.BOOL) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("expected argument for flag '--" + name + "'");
                }
            }
            value = check(spec, value);
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (spec.kind() != FlagKind.STRINGS) {
                list.clear();
            }
            list.add(value);
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (FlagSpec s : specs.values()) {
            List<String> v = values.get(s.name());
            if (v != null) {
                all.put(s.name(), List.copyOf(v));
            } else if (!s.defaultValue().isEmpty() || s.kind() == FlagKind.STRING) {
                all.put(s.name(), s.kind() == FlagKind.STRINGS ? List.of() : List.of(s.defaultValue()));
            } else {
                all.put(s.name(), List.of());
            }
        }
        return new ParsedFlags(all, values.keySet(), positional, help);
    }

    private static String check(FlagSpec spec, String value) throws UsageException {
        String flag = "--" + spec.name();
        try {
            switch (spec.kind()) {
                case BOOL -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new UsageException("invalid value \"" + value + "\" for flag '" + flag + "': expected true or false");
                    }
                    return v;
                }
                case DURATION -> PromDuration.parseMillis(value);
                case BYTES -> ByteSizes.parse(value);
                case INT -> {
                    long n = Long.parseLong(value);
                    if (n < 0) {
                        throw new UsageException("invalid value \"" + value + "\" for flag '" + flag + "': must not be negative");
                    }
                }
                case ENUM -> {
                    if (!spec.choices().contains(value)) {
                        throw new UsageException("invalid value \"" + value + "\" for flag '" + flag + "': must be one of "
                                + String.join(", ", spec.choices()));
                    }
                }
                default -> {
                }
            }
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value \"" + value + "\" for flag '" + flag + "': not an integer");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UsageException("invalid value \"" + value + "\" for flag '" + flag + "': " + e.getMessage());
        }
        return value;
    }

    /** The {@code --help} text: usage line, summary and every flag with its default. */
    public String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ").append(command).append(" [<flags>]\n\n").append(summary).append("\n\nFlags:\n");
        sb.append("  -h, --help  Show this help.\n");
        for (FlagSpec f : specs.values()) {
            String left = "      --" + (f.kind() == FlagKind.BOOL ? "[no-]" : "") + f.name()
                    + (f.kind() == FlagKind.BOOL ? "" : "=" + placeholder(f));
            sb.append(left).append("\n          ").append(f.help());
            if (!f.defaultValue().isEmpty() && f.kind() != FlagKind.BOOL) {
                sb.append(" (default: \"").append(f.defaultValue()).append("\")");
            }
            if (f.kind() == FlagKind.STRINGS) {
                sb.append(" (repeatable)");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String placeholder(FlagSpec f) {
        return switch (f.kind()) {
            case DURATION -> "<duration>";
            case BYTES -> "<size>";
            case INT -> "<int>";
            case ENUM -> "<" + String.join("|", f.choices()) + ">";
            default -> "<string>";
        };
    }
}
