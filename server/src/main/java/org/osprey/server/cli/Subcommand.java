package org.osprey.server.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A subcommand implemented in another module by a class with
 * {@code int run(String[] args, PrintStream out, PrintStream err)} (static, or on an instance made
 * with the no-argument constructor). Looked up by name at call time so the launcher works while
 * modules land one by one, and says plainly when one is not in this build. Thread-safe: immutable.
 *
 * @param words     the words that select it, e.g. {@code check config}
 * @param className the implementing class
 * @param summary   one line for {@code osprey --help}
 */
public record Subcommand(String words, String className, String summary) {

    /** True when the implementing class is on the class path. */
    public boolean available() {
        return entry() != null;
    }

    /** Runs it; returns its exit code (1 with a message when not available). */
    public int run(String[] args, PrintStream out, PrintStream err) {
        Method m = entry();
        if (m == null) {
            err.println("osprey: '" + words + "' is not available yet in this build (" + className + " is missing)");
            return 1;
        }
        try {
            Object target = Modifier.isStatic(m.getModifiers()) ? null : m.getDeclaringClass().getDeclaredConstructor().newInstance();
            Object rc = m.invoke(target, args, out, err);
            return rc instanceof Integer i ? i : 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error er) {
                throw er;
            }
            err.println("osprey " + words + ": " + cause);
            return 1;
        } catch (ReflectiveOperationException e) {
            err.println("osprey: cannot start '" + words + "': " + e);
            return 1;
        }
    }

    private Method entry() {
        try {
            Class<?> c = Class.forName(className, true, Subcommand.class.getClassLoader());
            Method m = c.getMethod("run", String[].class, PrintStream.class, PrintStream.class);
            return m.getReturnType() == int.class ? m : null;
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }
}
