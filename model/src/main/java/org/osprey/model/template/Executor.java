package org.osprey.model.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osprey.model.template.Node.*;

/**
 * Walks a parsed template over data, with Go text/template's evaluation rules: variables scoped
 * to control structures, pipelines passing the previous result as the last argument, fields on
 * maps and {@link TemplateObject}s, and Go's error messages with positions. Not thread-safe:
 * one executor per execution.
 */
final class Executor {
    /** Go's limit on nested template calls, scaled down for the JVM stack. */
    static final int MAX_DEPTH = 1000;

    private static final Object NO_FINAL = new Object();

    private final Template template;
    private final StringBuilder out;
    private String executing;
    private Node node;
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    private int depth;

    /** Unwinds on {{break}} / {{continue}}. */
    private static final class Jump extends RuntimeException {
        final boolean isBreak;

        Jump(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    static final class ExecError extends RuntimeException {
        ExecError(String msg, Throwable cause) {
            super(msg, cause, false, false);
        }
    }

    Executor(Template template, String executing, StringBuilder out) {
        this.template = template;
        this.executing = executing;
        this.out = out;
    }

    void run(ListNode root, Object data) {
        varNames.add("$");
        varValues.add(data);
        walk(data, root);
    }

    // ---- errors ----

    private ExecError error(String msg) {
        return error(msg, null);
    }

    private ExecError error(String msg, Throwable cause) {
        if (node == null) {
            return new ExecError("template: " + executing + ": " + msg, cause);
        }
        String context = node.toString();
        if (context.length() > 20) {
            context = context.substring(0, context.offsetByCodePoints(0, Math.min(20, context.codePointCount(0, context.length())))) + "...";
        }
        return new ExecError("template: " + location(node) + ": executing " + GoFormat.quote(executing) + " at <"
                + context.replace("%", "%%") + ">: " + msg, cause);
    }

    /** parseName:line:byteColumn of a node, as Go's ErrorContext computes it. */
    static String location(Node n) {
        String text = n.tree().text();
        int pos = Math.min(n.pos(), text.length());
        String before = text.substring(0, pos);
        int lastNl = before.lastIndexOf('\n');
        int line = 1;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
            }
        }
        int col = before.substring(lastNl + 1).getBytes(StandardCharsets.UTF_8).length;
        return n.tree().parseName() + ":" + line + ":" + col;
    }

    // ---- walking ----

    private void walk(Object dot, Node n) {
        node = n;
        switch (n) {
            case ActionNode a -> {
                Object val = evalPipeline(dot, a.pipe());
                if (a.pipe().decl.isEmpty()) {
                    printValue(a, val);
                }
            }
            case BreakNode b -> throw new Jump(true);
            case ContinueNode c -> throw new Jump(false);
            case CommentNode c -> {
            }
            case BranchNode b when b.kind().equals("range") -> walkRange(dot, b);
            case BranchNode b -> walkIfOrWith(dot, b);
            case ListNode l -> {
                for (Node c : l.nodes()) {
                    walk(dot, c);
                }
            }
            case TemplateNode t -> walkTemplate(dot, t);
            case TextNode t -> out.append(t.text());
            default -> throw error("unknown node: " + n);
        }
    }

    private void printValue(Node n, Object v) {
        node = n;
        if (v == null) {
            out.append("<no value>");
            return;
        }
        out.append(GoFormat.toString(v));
    }

    private int mark() {
        return varNames.size();
    }

    private void pop(int mark) {
        while (varNames.size() > mark) {
            varNames.remove(varNames.size() - 1);
            varValues.remove(varValues.size() - 1);
        }
    }

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    private void setVar(String name, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        throw error("undefined variable: " + name);
    }

    private void setTopVar(int n, Object value) {
        varValues.set(varValues.size() - n, value);
    }

    private Object varValue(String name) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                return varValues.get(i);
            }
        }
        throw error("undefined variable: " + name);
    }

    private void walkIfOrWith(Object dot, BranchNode b) {
        int mark = mark();
        try {
            Object val = evalPipeline(dot, b.pipe());
            if (GoValues.isTrue(val)) {
                if (b.kind().equals("with")) {
                    walk(val, b.list());
                } else {
                    walk(dot, b.list());
                }
            } else if (b.elseList() != null) {
                walk(dot, b.elseList());
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, BranchNode r) {
        node = r;
        int outer = mark();
        try {
            Object val = evalPipeline(dot, r.pipe());
            int mark = mark();
            boolean any = false;
            if (val instanceof Collection<?> c) {
                long i = 0;
                for (Object elem : c) {
                    any = true;
                    if (!oneIteration(r, i++, elem, mark)) {
                        break;
                    }
                }
            } else if (val instanceof Object[] arr) {
                for (int i = 0; i < arr.length; i++) {
                    any = true;
                    if (!oneIteration(r, (long) i, arr[i], mark)) {
                        break;
                    }
                }
            } else if (val instanceof Map<?, ?> m) {
                // Go ranges over map keys in sorted order.
                TreeMap<Object, Object> sorted = new TreeMap<>((a, b) -> compareKeys(a, b));
                sorted.putAll(m);
                for (Map.Entry<Object, Object> e : sorted.entrySet()) {
                    any = true;
                    if (!oneIteration(r, e.getKey(), e.getValue(), mark)) {
                        break;
                    }
                }
            } else if (GoFormat.isInt(val)) {
                long n = ((Number) val).longValue();
                if (r.pipe().decl.size() > 1) {
                    throw error("can't use " + n + " to iterate over more than one variable");
                }
                for (long i = 0; i < n; i++) {
                    any = true;
                    if (!oneIteration(r, i, i, mark)) {
                        break;
                    }
                }
            } else if (val != null) {
                throw error("range can't iterate over " + GoFormat.toString(val));
            }
            if (!any && r.elseList() != null) {
                walk(dot, r.elseList());
            }
        } finally {
            pop(outer);
        }
    }

    private static int compareKeys(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** Runs the body once; false when {{break}} ended the loop. */
    private boolean oneIteration(BranchNode r, Object index, Object elem, int mark) {
        PipeNode pipe = r.pipe();
        if (!pipe.decl.isEmpty()) {
            if (pipe.isAssign) {
                if (pipe.decl.size() > 1) {
                    setVar(pipe.decl.get(0).idents().get(0), index);
                    setVar(pipe.decl.get(1).idents().get(0), elem);
                } else {
                    setVar(pipe.decl.get(0).idents().get(0), elem);
                }
            } else {
                setTopVar(1, elem);
            }
        }
        if (pipe.decl.size() > 1 && !pipe.isAssign) {
            setTopVar(2, index);
        }
        try {
            walk(elem, r.list());
        } catch (Jump j) {
            if (j.isBreak) {
                return false;
            }
        } finally {
            pop(mark);
        }
        return true;
    }

    private void walkTemplate(Object dot, TemplateNode t) {
        node = t;
        ListNode root = template.lookup(t.name());
        if (root == null) {
            throw error("template " + GoFormat.quote(t.name()) + " not defined");
        }
        if (depth >= MAX_DEPTH) {
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        Object newDot = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
        // Template invocations inherit no variables.
        List<String> savedNames = new ArrayList<>(varNames);
        List<Object> savedValues = new ArrayList<>(varValues);
        String savedName = executing;
        varNames.clear();
        varValues.clear();
        push("$", newDot);
        executing = t.name();
        depth++;
        try {
            walk(newDot, root);
        } finally {
            depth--;
            executing = savedName;
            varNames.clear();
            varValues.clear();
            varNames.addAll(savedNames);
            varValues.addAll(savedValues);
        }
    }

    // ---- evaluation ----

    private Object evalPipeline(Object dot, PipeNode pipe) {
        if (pipe == null) {
            return null;
        }
        node = pipe;
        Object value = NO_FINAL;
        for (CommandNode cmd : pipe.cmds) {
            value = evalCommand(dot, cmd, value);
        }
        for (VariableNode v : pipe.decl) {
            if (pipe.isAssign) {
                setVar(v.idents().get(0), value);
            } else {
                push(v.idents().get(0), value);
            }
        }
        return value;
    }

    private void notAFunction(List<Node> args, Object fin) {
        if ((args != null && args.size() > 1) || fin != NO_FINAL) {
            throw error("can't give argument to non-function " + (args == null ? node : args.get(0)));
        }
    }

    private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
        Node first = cmd.args().get(0);
        switch (first) {
            case FieldNode f -> {
                return evalFieldNode(dot, f, cmd.args(), fin);
            }
            case ChainNode c -> {
                return evalChainNode(dot, c, cmd.args(), fin);
            }
            case IdentifierNode id -> {
                return evalFunction(dot, id, cmd, cmd.args(), fin);
            }
            case PipeNode p -> {
                notAFunction(cmd.args(), fin);
                return evalPipeline(dot, p);
            }
            case VariableNode v -> {
                return evalVariableNode(dot, v, cmd.args(), fin);
            }
            default -> {
            }
        }
        node = first;
        notAFunction(cmd.args(), fin);
        return switch (first) {
            case BoolNode b -> b.value();
            case DotNode d -> dot;
            case NilNode n -> throw error("nil is not a command");
            case NumberNode n -> n.constant();
            case StringNode s -> s.text();
            default -> throw error("can't evaluate command " + GoFormat.quote(first.toString()));
        };
    }

    private Object evalFieldNode(Object dot, FieldNode field, List<Node> args, Object fin) {
        node = field;
        return evalFieldChain(dot, dot, field, field.idents(), args, fin);
    }

    private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
        node = chain;
        if (chain.node() instanceof NilNode) {
            throw error("indirection through explicit nil in " + chain);
        }
        Object pipe = evalArg(dot, chain.node());
        return evalFieldChain(dot, pipe, chain, chain.fields(), args, fin);
    }

    private Object evalVariableNode(Object dot, VariableNode v, List<Node> args, Object fin) {
        node = v;
        Object value = varValue(v.idents().get(0));
        if (v.idents().size() == 1) {
            notAFunction(args, fin);
            return value;
        }
        return evalFieldChain(dot, value, v, v.idents().subList(1, v.idents().size()), args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> idents, List<Node> args, Object fin) {
        int last = idents.size() - 1;
        for (int i = 0; i < last; i++) {
            receiver = evalField(dot, idents.get(i), n, null, NO_FINAL, receiver);
        }
        return evalField(dot, idents.get(last), n, args, fin, receiver);
    }

    private Object evalField(Object dot, String name, Node n, List<Node> args, Object fin, Object receiver) {
        if (receiver == null) {
            if (template.missingKey() == Template.MissingKey.ERROR) {
                throw error("nil data; no entry for key " + GoFormat.quote(name));
            }
            return null;
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != NO_FINAL;
        if (receiver instanceof TemplateObject o) {
            if (hasArgs) {
                Object[] argv = evalArgs(dot, args, fin);
                node = n;
                Object r;
                try {
                    r = o.call(name, argv);
                } catch (Exception e) {
                    node = n;
                    throw error("error calling " + name + ": " + e.getMessage(), e);
                }
                if (r != TemplateObject.MISSING) {
                    return r;
                }
                if (o.field(name) != TemplateObject.MISSING) {
                    throw error(name + " has arguments but cannot be invoked as function");
                }
            } else {
                Object r = o.field(name);
                if (r != TemplateObject.MISSING) {
                    return r;
                }
            }
            if (!(receiver instanceof Map)) {
                throw error("can't evaluate field " + name + " in type " + o.typeName());
            }
        }
        if (receiver instanceof Map<?, ?> m) {
            if (hasArgs) {
                throw error(name + " is not a method but has arguments");
            }
            if (m.containsKey(name)) {
                return m.get(name);
            }
            return switch (template.missingKey()) {
                case ERROR -> throw error("map has no entry for key " + GoFormat.quote(name));
                case ZERO -> ZeroValue.of(m);
                default -> null;
            };
        }
        throw error("can't evaluate field " + name + " in type " + GoFormat.typeName(receiver));
    }

    private Object[] evalArgs(Object dot, List<Node> args, Object fin) {
        int n = args == null ? 0 : args.size() - 1;
        Object[] argv = new Object[n + (fin != NO_FINAL ? 1 : 0)];
        for (int i = 0; i < n; i++) {
            argv[i] = evalArg(dot, args.get(i + 1));
        }
        if (fin != NO_FINAL) {
            argv[n] = fin;
        }
        return argv;
    }

    private Object evalFunction(Object dot, IdentifierNode id, Node cmd, List<Node> args, Object fin) {
        node = id;
        String name = id.ident();
        FunctionMap.Entry fn = template.functions().get(name);
        boolean builtin = false;
        if (fn == null) {
            fn = Builtins.FUNCTIONS.get(name);
            builtin = true;
        }
        if (fn == null) {
            throw error(GoFormat.quote(name) + " is not a defined function");
        }
        return evalCall(dot, fn, builtin, cmd, name, args, fin);
    }

    private Object evalCall(Object dot, FunctionMap.Entry fn, boolean builtin, Node cmd, String name, List<Node> args,
            Object fin) {
        List<Node> actual = args == null ? List.of() : args.subList(1, args.size());
        int numIn = actual.size() + (fin != NO_FINAL ? 1 : 0);
        if (fn.arity() == FunctionMap.VARIADIC) {
            if (numIn < fn.minArgs()) {
                throw error("wrong number of args for " + name + ": want at least " + fn.minArgs() + " got " + actual.size());
            }
        } else if (numIn != fn.arity()) {
            throw error("wrong number of args for " + name + ": want " + fn.arity() + " got " + numIn);
        }
        if (builtin && (name.equals("and") || name.equals("or"))) {
            boolean isAnd = name.equals("and");
            Object v = null;
            for (int i = 0; i < numIn; i++) {
                v = i < actual.size() ? evalArg(dot, actual.get(i)) : fin;
                if (GoValues.isTrue(v) != isAnd) {
                    return v;
                }
            }
            return v;
        }
        Object[] argv = new Object[numIn];
        for (int i = 0; i < actual.size(); i++) {
            argv[i] = evalArg(dot, actual.get(i));
        }
        if (fin != NO_FINAL) {
            argv[numIn - 1] = fin;
        }
        try {
            return fn.fn().call(argv);
        } catch (Builtins.WrongType e) {
            node = cmd;
            throw error(e.getMessage());
        } catch (ExecError e) {
            throw e;
        } catch (Exception e) {
            node = cmd;
            throw error("error calling " + name + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
    }

    private Object evalArg(Object dot, Node n) {
        node = n;
        return switch (n) {
            case DotNode d -> dot;
            case NilNode nil -> null;
            case FieldNode f -> evalFieldNode(dot, f, List.of(n), NO_FINAL);
            case VariableNode v -> evalVariableNode(dot, v, null, NO_FINAL);
            case PipeNode p -> evalPipeline(dot, p);
            case IdentifierNode id -> evalFunction(dot, id, id, null, NO_FINAL);
            case ChainNode c -> evalChainNode(dot, c, null, NO_FINAL);
            case BoolNode b -> b.value();
            case NumberNode num -> num.constant();
            case StringNode s -> s.text();
            default -> throw error("can't handle " + n + " for arg");
        };
    }
}
