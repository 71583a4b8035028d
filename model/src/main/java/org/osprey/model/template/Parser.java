package org.osprey.model.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.osprey.model.template.Lexer.Item;
import org.osprey.model.template.Lexer.Type;
import org.osprey.model.template.Node.*;

/**
 * Recursive-descent parser over {@link Lexer} items, following Go's text/template/parse grammar
 * and its error wording. Checks at parse time, like Go, that every function exists and every
 * variable is declared. Not thread-safe: one parser per parse.
 */
final class Parser {
    /** Result of parsing one text: the main tree (may be empty) and the {{define}}d trees in order. */
    record Parsed(ListNode root, Map<String, ListNode> defined) {
    }

    private final List<Item> items;
    private final Predicate<String> functionExists;
    private final Tree tree;
    private int index;
    private Item lastItem;
    private final List<String> vars = new ArrayList<>();
    private int rangeDepth;
    private int actionLine;
    private final Map<String, ListNode> defined = new LinkedHashMap<>();

    private Parser(String name, String parseName, String text, Predicate<String> functionExists) {
        this.items = new Lexer(text).lex();
        this.functionExists = functionExists;
        this.tree = new Tree(name, parseName, text);
    }

    static Parsed parse(String name, String text, Predicate<String> functionExists) throws TemplateException {
        Parser p = new Parser(name, name, text, functionExists);
        try {
            ListNode root = p.parseTop();
            return new Parsed(root, p.defined);
        } catch (ParseError e) {
            throw new TemplateException(e.getMessage(), true, null);
        }
    }

    private static final class ParseError extends RuntimeException {
        ParseError(String msg) {
            super(msg, null, false, false);
        }
    }

    private ParseError error(String msg) {
        int line = lastItem == null ? 1 : lastItem.line();
        return new ParseError("template: " + tree.parseName() + ":" + line + ": " + msg);
    }

    private Item next() {
        Item it = items.get(Math.min(index, items.size() - 1));
        index++;
        lastItem = it;
        return it;
    }

    private void backup() {
        index--;
    }

    private Item peek() {
        Item it = items.get(Math.min(index, items.size() - 1));
        lastItem = it;
        return it;
    }

    private Item nextNonSpace() {
        Item it;
        do {
            it = next();
        } while (it.type() == Type.SPACE);
        return it;
    }

    private Item peekNonSpace() {
        Item it = nextNonSpace();
        backup();
        return it;
    }

    private Item expect(Type t, String context) {
        Item it = nextNonSpace();
        if (it.type() != t) {
            throw unexpected(it, context);
        }
        return it;
    }

    private ParseError unexpected(Item it, String context) {
        if (it.type() == Type.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != it.line()) {
                extra = " in action started at " + tree.parseName() + ":" + actionLine;
                if (it.val().endsWith(" action")) {
                    extra = extra.substring(" in action".length());
                }
            }
            return error(it.val() + extra);
        }
        return error("unexpected " + it + " in " + context);
    }

    // ---- top level ----

    private ListNode parseTop() {
        vars.clear();
        vars.add("$");
        List<Node> nodes = new ArrayList<>();
        ListNode root = new ListNode(tree, peek().pos(), nodes);
        while (peek().type() != Type.EOF) {
            if (peek().type() == Type.ERROR) {
                throw unexpected(next(), "input");
            }
            if (peek().type() == Type.LEFT_DELIM) {
                int mark = index;
                next();
                if (nextNonSpace().type() == Type.DEFINE) {
                    parseDefinition();
                    continue;
                }
                index = mark;
            }
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                throw error("unexpected " + n);
            }
            nodes.add(n);
        }
        return root;
    }

    private void parseDefinition() {
        Item nameItem = nextNonSpace();
        String defName;
        if (nameItem.type() == Type.STRING || nameItem.type() == Type.RAW_STRING) {
            defName = unquote(nameItem);
        } else {
            throw unexpected(nameItem, "define clause");
        }
        expect(Type.RIGHT_DELIM, "define clause");
        List<String> saved = new ArrayList<>(vars);
        vars.clear();
        vars.add("$");
        Tree defTree = new Tree(defName, tree.parseName(), tree.text());
        ListNode[] out = new ListNode[1];
        Node end = itemListInto(defTree, out);
        if (!(end instanceof EndNode)) {
            throw error("unexpected " + end + " in define clause");
        }
        addDefinition(defName, out[0]);
        vars.clear();
        vars.addAll(saved);
    }

    private void addDefinition(String defName, ListNode list) {
        ListNode existing = defined.get(defName);
        if (existing != null && isEmptyTree(list)) {
            return; // Go keeps a non-empty definition over a later empty one
        }
        defined.put(defName, list);
    }

    static boolean isEmptyTree(Node n) {
        if (n == null) {
            return true;
        }
        if (n instanceof ListNode l) {
            for (Node c : l.nodes()) {
                if (!isEmptyTree(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof TextNode t) {
            return t.text().isBlank();
        }
        return n instanceof CommentNode;
    }

    /** Parses nodes until {{end}} or {{else}}; the list goes to out[0], the terminator is returned. */
    private Node itemListInto(Tree t, ListNode[] out) {
        List<Node> nodes = new ArrayList<>();
        out[0] = new ListNode(t, peekNonSpace().pos(), nodes);
        while (peekNonSpace().type() != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                return n;
            }
            nodes.add(n);
        }
        if (peek().type() == Type.ERROR) {
            throw unexpected(next(), "input");
        }
        throw error("unexpected EOF");
    }

    private Node textOrAction() {
        Item it = nextNonSpace();
        switch (it.type()) {
            case TEXT -> {
                return new TextNode(tree, it.pos(), it.val());
            }
            case LEFT_DELIM -> {
                actionLine = it.line();
                try {
                    return action();
                } finally {
                    actionLine = 0;
                }
            }
            case ERROR -> throw unexpected(it, "input");
            default -> throw unexpected(it, "input");
        }
    }

    private Node action() {
        Item token = nextNonSpace();
        switch (token.type()) {
            case BLOCK -> {
                return blockControl();
            }
            case BREAK -> {
                return breakControl(token, "break");
            }
            case CONTINUE -> {
                return breakControl(token, "continue");
            }
            case ELSE -> {
                return elseControl();
            }
            case END -> {
                return endControl();
            }
            case IF -> {
                return ifControl();
            }
            case RANGE -> {
                return rangeControl();
            }
            case TEMPLATE -> {
                return templateControl();
            }
            case WITH -> {
                return withControl();
            }
            default -> {
            }
        }
        backup();
        Item start = peek();
        return new ActionNode(tree, start.pos(), start.line(), pipeline("command", Type.RIGHT_DELIM));
    }

    private Node breakControl(Item token, String kind) {
        Item t = nextNonSpace();
        if (t.type() != Type.RIGHT_DELIM) {
            throw unexpected(t, "{{" + kind + "}}");
        }
        if (rangeDepth == 0) {
            throw error("{{" + kind + "}} outside {{range}}");
        }
        return kind.equals("break") ? new BreakNode(tree, token.pos(), token.line())
                : new ContinueNode(tree, token.pos(), token.line());
    }

    private Node elseControl() {
        Item p = peekNonSpace();
        if (p.type() == Type.IF || p.type() == Type.WITH) {
            // "else if" / "else with": the nested control consumes the single {{end}}
            return new ElseNode(tree, p.pos(), p.line());
        }
        Item t = expect(Type.RIGHT_DELIM, "else");
        return new ElseNode(tree, t.pos(), t.line());
    }

    private Node endControl() {
        Item t = expect(Type.RIGHT_DELIM, "end");
        return new EndNode(tree, t.pos());
    }

    private Node ifControl() {
        return parseControl("if");
    }

    private Node withControl() {
        return parseControl("with");
    }

    private Node rangeControl() {
        rangeDepth++;
        try {
            return parseControl("range");
        } finally {
            rangeDepth--;
        }
    }

    private Node parseControl(String context) {
        int mark = vars.size();
        try {
            Item start = peekNonSpace();
            PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
            ListNode[] list = new ListNode[1];
            Node next = itemListInto(tree, list);
            ListNode elseList = null;
            if (next instanceof ElseNode) {
                if ((context.equals("if") && peekNonSpace().type() == Type.IF)
                        || (context.equals("with") && peekNonSpace().type() == Type.WITH)) {
                    Item kw = nextNonSpace();
                    List<Node> nodes = new ArrayList<>();
                    elseList = new ListNode(tree, kw.pos(), nodes);
                    nodes.add(context.equals("if") ? ifControl() : withControl());
                } else {
                    int savedRange = rangeDepth;
                    if (context.equals("range")) {
                        rangeDepth--; // {{break}} is not allowed in the else branch
                    }
                    ListNode[] el = new ListNode[1];
                    Node end = itemListInto(tree, el);
                    rangeDepth = savedRange;
                    elseList = el[0];
                    if (!(end instanceof EndNode)) {
                        throw error("expected end; found " + end);
                    }
                }
            }
            return new BranchNode(tree, start.pos(), start.line(), context, pipe, list[0], elseList);
        } finally {
            while (vars.size() > mark) {
                vars.remove(vars.size() - 1);
            }
        }
    }

    private Node blockControl() {
        String context = "block clause";
        Item token = nextNonSpace();
        String blockName = parseTemplateName(token, context);
        PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
        List<String> saved = new ArrayList<>(vars);
        vars.clear();
        vars.add("$");
        Tree blockTree = new Tree(blockName, tree.parseName(), tree.text());
        ListNode[] out = new ListNode[1];
        Node end = itemListInto(blockTree, out);
        if (!(end instanceof EndNode)) {
            throw error("unexpected " + end + " in " + context);
        }
        vars.clear();
        vars.addAll(saved);
        addDefinition(blockName, out[0]);
        return new TemplateNode(tree, token.pos(), token.line(), blockName, pipe);
    }

    private Node templateControl() {
        String context = "template clause";
        Item token = nextNonSpace();
        String tname = parseTemplateName(token, context);
        PipeNode pipe = null;
        if (nextNonSpace().type() != Type.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Type.RIGHT_DELIM);
        }
        return new TemplateNode(tree, token.pos(), token.line(), tname, pipe);
    }

    private String parseTemplateName(Item token, String context) {
        if (token.type() == Type.STRING || token.type() == Type.RAW_STRING) {
            return unquote(token);
        }
        throw unexpected(token, context);
    }

    // ---- pipelines ----

    private PipeNode pipeline(String context, Type end) {
        Item token = peekNonSpace();
        PipeNode pipe = new PipeNode(tree, token.pos(), token.line());
        decls:
        while (true) {
            Item v = peekNonSpace();
            if (v.type() != Type.VARIABLE) {
                break;
            }
            nextNonSpace();
            int afterVar = index;
            Item nextTok = peekNonSpace();
            if (nextTok.type() == Type.ASSIGN || nextTok.type() == Type.DECLARE) {
                pipe.isAssign = nextTok.type() == Type.ASSIGN;
                nextNonSpace();
                pipe.decl.add(new VariableNode(tree, v.pos(), List.of(v.val())));
                vars.add(v.val());
                break;
            } else if (nextTok.type() == Type.CHAR && nextTok.val().equals(",")) {
                nextNonSpace();
                pipe.decl.add(new VariableNode(tree, v.pos(), List.of(v.val())));
                vars.add(v.val());
                if (context.equals("range") && pipe.decl.size() < 2) {
                    Type t = peekNonSpace().type();
                    if (t == Type.VARIABLE || t == Type.RIGHT_DELIM || t == Type.RIGHT_PAREN) {
                        continue decls;
                    }
                    throw error("range can only initialize variables");
                }
                throw error("too many declarations in " + context);
            } else if (items.get(afterVar).type() == Type.SPACE) {
                // a variable followed by space: not a declaration, reparse as an operand
                index = afterVar - 1;
                break;
            } else {
                index = afterVar - 1;
                break;
            }
        }
        while (true) {
            Item t = nextNonSpace();
            if (t.type() == end) {
                checkPipeline(pipe, context);
                return pipe;
            }
            switch (t.type()) {
                case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                        LEFT_PAREN -> {
                    backup();
                    pipe.cmds.add(command());
                }
                default -> throw unexpected(t, context);
            }
        }
    }

    private void checkPipeline(PipeNode pipe, String context) {
        if (pipe.cmds.isEmpty()) {
            throw error("missing value for " + context);
        }
        for (int i = 1; i < pipe.cmds.size(); i++) {
            Node first = pipe.cmds.get(i).args().get(0);
            if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
                    || first instanceof NumberNode || first instanceof StringNode) {
                throw error("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private CommandNode command() {
        List<Node> args = new ArrayList<>();
        CommandNode cmd = new CommandNode(tree, peekNonSpace().pos(), args);
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Item t = next();
            switch (t.type()) {
                case SPACE -> {
                    continue;
                }
                case RIGHT_DELIM, RIGHT_PAREN -> backup();
                case PIPE -> {
                }
                default -> throw unexpected(t, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error("empty command");
        }
        return cmd;
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type() == Type.FIELD) {
            List<String> fields = new ArrayList<>();
            while (peek().type() == Type.FIELD) {
                fields.add(next().val().substring(1));
            }
            if (node instanceof FieldNode f) {
                List<String> all = new ArrayList<>(f.idents());
                all.addAll(fields);
                return new FieldNode(tree, f.pos(), List.copyOf(all));
            }
            if (node instanceof VariableNode v) {
                List<String> all = new ArrayList<>(v.idents());
                all.addAll(fields);
                return new VariableNode(tree, v.pos(), List.copyOf(all));
            }
            if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
                    || node instanceof NilNode || node instanceof DotNode) {
                throw error("unexpected . after term " + GoFormat.quote(node.toString()));
            }
            return new ChainNode(tree, node.pos(), node, List.copyOf(fields));
        }
        return node;
    }

    private Node term() {
        Item t = nextNonSpace();
        switch (t.type()) {
            case IDENTIFIER -> {
                if (!functionExists.test(t.val())) {
                    throw error("function " + GoFormat.quote(t.val()) + " not defined");
                }
                return new IdentifierNode(tree, t.pos(), t.val());
            }
            case DOT -> {
                return new DotNode(tree, t.pos());
            }
            case NIL -> {
                return new NilNode(tree, t.pos());
            }
            case VARIABLE -> {
                if (!vars.contains(t.val())) {
                    throw error("undefined variable " + GoFormat.quote(t.val()));
                }
                return new VariableNode(tree, t.pos(), List.of(t.val()));
            }
            case FIELD -> {
                return new FieldNode(tree, t.pos(), List.of(t.val().substring(1)));
            }
            case BOOL -> {
                return new BoolNode(tree, t.pos(), t.val().equals("true"));
            }
            case CHAR_CONSTANT, NUMBER -> {
                return number(t);
            }
            case LEFT_PAREN -> {
                PipeNode pipe = pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
                return pipe;
            }
            case STRING, RAW_STRING -> {
                return new StringNode(tree, t.pos(), t.val(), unquote(t));
            }
            default -> {
                backup();
                return null;
            }
        }
    }

    private NumberNode number(Item t) {
        String text = t.val();
        if (t.type() == Type.CHAR_CONSTANT) {
            String s = unquoteGo(text.substring(1, text.length() - 1), '\'');
            if (s.codePointCount(0, s.length()) != 1) {
                throw error("malformed character constant: " + text);
            }
            return new NumberNode(tree, t.pos(), text, (long) s.codePointAt(0));
        }
        if (text.endsWith("i")) {
            throw error("complex constants are not supported: " + text);
        }
        String clean = text.replace("_", "");
        boolean neg = clean.startsWith("-");
        String body = clean.startsWith("-") || clean.startsWith("+") ? clean.substring(1) : clean;
        String lower = body.toLowerCase();
        try {
            BigInteger bi = null;
            if (lower.startsWith("0x") && !lower.contains("p") && !lower.contains(".")) {
                bi = new BigInteger(body.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                bi = new BigInteger(body.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                bi = new BigInteger(body.substring(2), 2);
            } else if (!lower.contains(".") && !lower.contains("e")) {
                bi = lower.length() > 1 && lower.startsWith("0") ? new BigInteger(body.substring(1), 8) : new BigInteger(body);
            }
            if (bi != null) {
                if (neg) {
                    bi = bi.negate();
                }
                if (bi.bitLength() > 63) {
                    throw error("integer overflow: " + GoFormat.quote(text));
                }
                return new NumberNode(tree, t.pos(), text, bi.longValue());
            }
            double d = Double.parseDouble(clean);
            return new NumberNode(tree, t.pos(), text, d);
        } catch (NumberFormatException e) {
            throw error("illegal number syntax: " + GoFormat.quote(text));
        }
    }

    private String unquote(Item t) {
        String v = t.val();
        if (t.type() == Type.RAW_STRING) {
            return v.substring(1, v.length() - 1).replace("\r", "");
        }
        return unquoteGo(v.substring(1, v.length() - 1), '"');
    }

    /** Go string/rune literal unescaping. */
    private String unquoteGo(String s, char quote) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw error("invalid syntax");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'a' -> sb.append((char) 7);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append((char) 11);
                case '\\' -> sb.append('\\');
                case '\'', '"' -> {
                    if (e != quote) {
                        throw error("invalid syntax");
                    }
                    sb.append(e);
                }
                case 'x' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        throw error("invalid syntax");
                    }
                }
            }
        }
        return sb.toString();
    }
}
