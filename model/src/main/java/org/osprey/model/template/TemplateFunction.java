package org.osprey.model.template;

/**
 * A function callable from a template ({@code {{ humanize $value }}}, {@code {{ $x | toUpper }}}).
 * A value piped into the call arrives as the last argument. Implementations should be stateless
 * or thread-safe: one function map serves many concurrent executions.
 */
@FunctionalInterface
public interface TemplateFunction {
    /**
     * @param args the evaluated arguments (Java stand-ins for Go values, see {@link Template})
     * @return the result (null is Go's nil)
     * @throws Exception any failure; the template reports {@code error calling NAME: message}
     */
    Object call(Object[] args) throws Exception;
}
