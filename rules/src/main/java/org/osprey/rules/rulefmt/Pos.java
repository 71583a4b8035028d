package org.osprey.rules.rulefmt;

/** A 1-based line and column in a YAML file; 0:0 when the node is absent (as Go's zero yaml.Node). */
public record Pos(int line, int column) {
    public static final Pos NONE = new Pos(0, 0);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
