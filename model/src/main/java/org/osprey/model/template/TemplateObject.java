package org.osprey.model.template;

/**
 * A value with named fields and methods, the template view of a Go struct: {@code .Labels},
 * {@code .Value}, {@code .Alerts.Firing}, {@code .CommonLabels.Remove $names}.
 *
 * <p>Field access {@code .Name} first asks {@link #field}; when the value is also a {@link java.util.Map},
 * a {@link #MISSING} answer falls back to the map key (so a Go map type with methods works).
 * A value that is also a {@link java.util.List} can be ranged over. Implementations decide their
 * own thread-safety; the engine only reads them.
 */
public interface TemplateObject {
    /** Returned by {@link #field} and {@link #call} when there is no such field or method. */
    Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    /** The value of field or zero-argument method {@code name}, or {@link #MISSING}. */
    Object field(String name);

    /**
     * Calls method {@code name} with arguments (used when a field in a command has arguments, as
     * in {@code .Remove (list "a")}), or returns {@link #MISSING} when there is no such method.
     *
     * @throws Exception reported as {@code error calling NAME: message}
     */
    default Object call(String name, Object[] args) throws Exception {
        return MISSING;
    }

    /** The Go type name used in error messages, e.g. {@code *template.sample}. */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
