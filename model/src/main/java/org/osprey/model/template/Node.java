package org.osprey.model.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The parse tree of a template, shaped like Go's text/template/parse nodes so error contexts
 * ({@code at <humanize "x">}) print the same. Every node knows its char offset in the source
 * text and the {@link Tree} it belongs to. Immutable after parsing.
 */
sealed interface Node {
    int pos();

    Tree tree();

    /** The parsed source text of one template; names the parse for error locations. */
    record Tree(String name, String parseName, String text) {
    }

    record ListNode(Tree tree, int pos, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Node n : nodes) {
                sb.append(n);
            }
            return sb.toString();
        }
    }

    record TextNode(Tree tree, int pos, String text) implements Node {
        @Override
        public String toString() {
            return GoFormat.quote(text);
        }
    }

    record CommentNode(Tree tree, int pos, String text) implements Node {
        @Override
        public String toString() {
            return "{{" + text + "}}";
        }
    }

    record ActionNode(Tree tree, int pos, int line, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** if / range / with: pipe, list and optional else list. */
    record BranchNode(Tree tree, int pos, int line, String kind, PipeNode pipe, ListNode list, ListNode elseList)
            implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{{").append(kind).append(' ').append(pipe).append("}}").append(list);
            if (elseList != null) {
                sb.append("{{else}}").append(elseList);
            }
            return sb.append("{{end}}").toString();
        }
    }

    record TemplateNode(Tree tree, int pos, int line, String name, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return pipe == null ? "{{template " + GoFormat.quote(name) + "}}"
                    : "{{template " + GoFormat.quote(name) + " " + pipe + "}}";
        }
    }

    record BreakNode(Tree tree, int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record ContinueNode(Tree tree, int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** Parser-internal markers for {{end}} and {{else}}. */
    record EndNode(Tree tree, int pos) implements Node {
        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    record ElseNode(Tree tree, int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{else}}";
        }
    }

    final class PipeNode implements Node {
        final Tree tree;
        final int pos;
        final int line;
        boolean isAssign;
        final List<VariableNode> decl = new ArrayList<>();
        final List<CommandNode> cmds = new ArrayList<>();

        PipeNode(Tree tree, int pos, int line) {
            this.tree = tree;
            this.pos = pos;
            this.line = line;
        }

        @Override
        public int pos() {
            return pos;
        }

        @Override
        public Tree tree() {
            return tree;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!decl.isEmpty()) {
                for (int i = 0; i < decl.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(decl.get(i));
                }
                sb.append(isAssign ? " = " : " := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(cmds.get(i));
            }
            return sb.toString();
        }
    }

    record CommandNode(Tree tree, int pos, List<Node> args) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                Node a = args.get(i);
                if (a instanceof PipeNode) {
                    sb.append('(').append(a).append(')');
                } else {
                    sb.append(a);
                }
            }
            return sb.toString();
        }
    }

    record IdentifierNode(Tree tree, int pos, String ident) implements Node {
        @Override
        public String toString() {
            return ident;
        }
    }

    /** {@code $x.Field.Sub}: idents[0] is the variable name including '$'. */
    record VariableNode(Tree tree, int pos, List<String> idents) implements Node {
        @Override
        public String toString() {
            return String.join(".", idents);
        }
    }

    record DotNode(Tree tree, int pos) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    record NilNode(Tree tree, int pos) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }

    /** {@code .A.B}: idents without dots. */
    record FieldNode(Tree tree, int pos, List<String> idents) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (String s : idents) {
                sb.append('.').append(s);
            }
            return sb.toString();
        }
    }

    /** {@code (pipeline).A.B} and similar: a term followed by fields. */
    record ChainNode(Tree tree, int pos, Node node, List<String> fields) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (node instanceof PipeNode) {
                sb.append('(').append(node).append(')');
            } else {
                sb.append(node);
            }
            for (String f : fields) {
                sb.append('.').append(f);
            }
            return sb.toString();
        }
    }

    record BoolNode(Tree tree, int pos, boolean value) implements Node {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A number constant; the value the executor uses is {@code constant} (Long or Double). */
    record NumberNode(Tree tree, int pos, String text, Object constant) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    record StringNode(Tree tree, int pos, String quoted, String text) implements Node {
        @Override
        public String toString() {
            return quoted;
        }
    }
}
