package org.osprey.model.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into items the way Go's text/template lexer does: text between actions,
 * delimiters with {@code -} trim markers, comments, and the tokens inside actions. The whole
 * input is lexed up front; an error becomes an {@link Type#ERROR} item that ends the list.
 * Not thread-safe: one lexer per parse.
 */
final class Lexer {
    enum Type {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM, LEFT_PAREN,
        NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // keywords, after KEYWORD in Go's ordering
        KEYWORD, BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() > KEYWORD.ordinal();
        }
    }

    /** One lexed item; pos is the char offset in the input, line 1-based. */
    record Item(Type type, int pos, String val, int line) {
        @Override
        public String toString() {
            if (type == Type.EOF) {
                return "EOF";
            }
            if (type == Type.ERROR) {
                return val;
            }
            if (type.isKeyword()) {
                return "<" + val + ">";
            }
            if (val.length() > 10) {
                // Go: %.10q... quotes the first ten runes
                return GoFormat.quote(val.substring(0, val.offsetByCodePoints(0, Math.min(10, val.codePointCount(0, val.length()))))) + "...";
            }
            return GoFormat.quote(val);
        }
    }

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private final String input;
    private final List<Item> items = new ArrayList<>();
    private int start;
    private int pos;
    private int line = 1;
    private int startLine = 1;
    private int parenDepth;
    private boolean insideAction;

    Lexer(String input) {
        this.input = input;
    }

    List<Item> lex() {
        try {
            lexAll();
        } catch (LexError e) {
            // already emitted
        }
        return items;
    }

    private static final class LexError extends RuntimeException {
        LexError() {
            super(null, null, false, false);
        }
    }

    private void emit(Type t) {
        items.add(new Item(t, start, input.substring(start, pos), startLine));
        start = pos;
        startLine = line;
    }

    private void ignore() {
        line += count(input, start, pos);
        start = pos;
        startLine = line;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private void error(String msg) {
        items.add(new Item(Type.ERROR, start, msg, startLine));
        throw new LexError();
    }

    private int next() {
        if (pos >= input.length()) {
            pos = input.length() + 1; // mark eof consumed so backup works
            return -1;
        }
        int c = input.charAt(pos++);
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void backup() {
        if (pos > input.length()) {
            pos = input.length();
            return;
        }
        pos--;
        if (input.charAt(pos) == '\n') {
            line--;
        }
    }

    private int peek() {
        return pos < input.length() ? input.charAt(pos) : -1;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphaNumeric(int c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private void lexAll() {
        while (true) {
            // text up to the next left delimiter
            int x = input.indexOf(LEFT, pos);
            if (x < 0) {
                pos = input.length();
                line += count(input, start, pos);
                if (pos > start) {
                    items.add(new Item(Type.TEXT, start, input.substring(start, pos), startLine));
                }
                start = pos;
                startLine = line;
                items.add(new Item(Type.EOF, pos, "", line));
                return;
            }
            boolean trimLeft = hasLeftTrimMarker(x + LEFT.length());
            int textEnd = x;
            if (trimLeft) {
                while (textEnd > start && isSpace(input.charAt(textEnd - 1))) {
                    textEnd--;
                }
            }
            pos = textEnd;
            line += count(input, start, pos);
            if (pos > start) {
                items.add(new Item(Type.TEXT, start, input.substring(start, pos), startLine));
            }
            pos = x;
            line = line + count(input, textEnd, x);
            start = pos;
            startLine = line;
            lexLeftDelim(trimLeft);
        }
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean atRightDelim() {
        if (input.startsWith(" -" + RIGHT, pos) || input.startsWith("\t-" + RIGHT, pos)
                || input.startsWith("\r-" + RIGHT, pos) || input.startsWith("\n-" + RIGHT, pos)) {
            return true;
        }
        return input.startsWith(RIGHT, pos);
    }

    private boolean atRightTrim() {
        return pos < input.length() && isSpace(input.charAt(pos)) && input.startsWith("-" + RIGHT, pos + 1);
    }

    private void lexLeftDelim(boolean trim) {
        pos += LEFT.length();
        int after = trim ? 2 : 0;
        if (input.startsWith("/*", pos + after)) {
            pos += after;
            ignore();
            lexComment();
            return;
        }
        emit(Type.LEFT_DELIM);
        pos += after;
        ignore();
        parenDepth = 0;
        insideAction = true;
        lexInsideAction();
    }

    private void lexComment() {
        pos += 2;
        int end = input.indexOf("*/", pos);
        if (end < 0) {
            error("unclosed comment");
        }
        pos = end + 2;
        boolean trim = atRightTrim();
        if (!input.startsWith(RIGHT, pos) && !trim) {
            error("comment ends before closing delimiter");
        }
        ignore();
        pos += trim ? 1 + 1 + RIGHT.length() : RIGHT.length();
        ignore();
        if (trim) {
            skipLeadingSpace();
        }
    }

    private void skipLeadingSpace() {
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
        ignore();
    }

    private void lexRightDelim() {
        boolean trim = atRightTrim();
        if (trim) {
            pos += 2; // space and '-'
            ignore();
        }
        pos += RIGHT.length();
        emit(Type.RIGHT_DELIM);
        if (trim) {
            skipLeadingSpace();
        }
        insideAction = false;
    }

    private void lexInsideAction() {
        while (true) {
            if (atRightTrim() || input.startsWith(RIGHT, pos)) {
                if (parenDepth > 0) {
                    error("unclosed left paren");
                }
                lexRightDelim();
                return;
            }
            int c = next();
            if (c == -1) {
                error("unclosed action");
            } else if (isSpace(c)) {
                backup();
                lexSpace();
            } else if (c == '=') {
                emit(Type.ASSIGN);
            } else if (c == ':') {
                if (next() != '=') {
                    error("expected :=");
                }
                emit(Type.DECLARE);
            } else if (c == '|') {
                emit(Type.PIPE);
            } else if (c == '"') {
                lexQuote();
            } else if (c == '`') {
                lexRawQuote();
            } else if (c == '$') {
                lexVariable();
            } else if (c == '\'') {
                lexChar();
            } else if (c == '.') {
                int p = peek();
                if (p < '0' || p > '9') {
                    lexField();
                } else {
                    backup();
                    lexNumber();
                }
            } else if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
                backup();
                lexNumber();
            } else if (isAlphaNumeric(c)) {
                backup();
                lexIdentifier();
            } else if (c == '(') {
                emit(Type.LEFT_PAREN);
                parenDepth++;
            } else if (c == ')') {
                parenDepth--;
                if (parenDepth < 0) {
                    error("unexpected right paren");
                }
                emit(Type.RIGHT_PAREN);
            } else if (c <= 0x7f && c >= 0x20 && c != 0x7f) {
                emit(Type.CHAR);
            } else {
                int cp = Character.codePointAt(input, pos - 1);
                error(String.format("bad character U+%04X '%s'", cp, new String(Character.toChars(cp))));
            }
        }
    }

    private void lexSpace() {
        int spaces = 0;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            // stop before " -}}" so the trim marker is seen by the delimiter check
            if (atRightTrim()) {
                break;
            }
            next();
            spaces++;
        }
        if (spaces > 0) {
            emit(Type.SPACE);
        }
    }

    private void lexIdentifier() {
        while (true) {
            int c = next();
            if (c == -1 || !isAlphaNumeric(c)) {
                backup();
                break;
            }
        }
        String word = input.substring(start, pos);
        if (!atTerminator()) {
            error("bad character " + runeDesc(peek()));
        }
        Type t = switch (word) {
            case "block" -> Type.BLOCK;
            case "break" -> Type.BREAK;
            case "continue" -> Type.CONTINUE;
            case "define" -> Type.DEFINE;
            case "else" -> Type.ELSE;
            case "end" -> Type.END;
            case "if" -> Type.IF;
            case "range" -> Type.RANGE;
            case "nil" -> Type.NIL;
            case "template" -> Type.TEMPLATE;
            case "with" -> Type.WITH;
            case "true", "false" -> Type.BOOL;
            default -> Type.IDENTIFIER;
        };
        emit(t);
    }

    private static String runeDesc(int c) {
        if (c < 0) {
            return "U+FFFD";
        }
        return String.format("U+%04X '%s'", c, new String(Character.toChars(c)));
    }

    private void lexField() {
        lexFieldOrVariable(Type.FIELD);
    }

    private void lexVariable() {
        lexFieldOrVariable(Type.VARIABLE);
    }

    private void lexFieldOrVariable(Type t) {
        if (atTerminator()) {
            emit(t == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
            return;
        }
        while (true) {
            int c = next();
            if (c == -1 || !isAlphaNumeric(c)) {
                backup();
                break;
            }
        }
        if (!atTerminator()) {
            error("bad character " + runeDesc(peek()));
        }
        emit(t);
    }

    private boolean atTerminator() {
        int c = peek();
        if (c == -1 || isSpace(c)) {
            return true;
        }
        switch (c) {
            case '.', ',', '|', ':', ')', '(' -> {
                return true;
            }
            default -> {
                return input.startsWith(RIGHT, pos);
            }
        }
    }

    private void lexChar() {
        while (true) {
            int c = next();
            if (c == '\\') {
                int n = next();
                if (n != -1 && n != '\n') {
                    continue;
                }
                error("unterminated character constant");
            } else if (c == -1 || c == '\n') {
                error("unterminated character constant");
            } else if (c == '\'') {
                break;
            }
        }
        emit(Type.CHAR_CONSTANT);
    }

    private void lexNumber() {
        if (!scanNumber()) {
            error("bad number syntax: " + GoFormat.quote(input.substring(start, pos)));
        }
        emit(Type.NUMBER);
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        int c = peek();
        if (c != -1 && isAlphaNumeric(c)) {
            next();
            return false;
        }
        return true;
    }

    private boolean accept(String valid) {
        int c = next();
        if (c != -1 && valid.indexOf(c) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (true) {
            int c = next();
            if (c == -1 || valid.indexOf(c) < 0) {
                backup();
                return;
            }
        }
    }

    private void lexQuote() {
        while (true) {
            int c = next();
            if (c == '\\') {
                int n = next();
                if (n != -1 && n != '\n') {
                    continue;
                }
                error("unterminated quoted string");
            } else if (c == -1 || c == '\n') {
                error("unterminated quoted string");
            } else if (c == '"') {
                break;
            }
        }
        emit(Type.STRING);
    }

    private void lexRawQuote() {
        while (true) {
            int c = next();
            if (c == -1) {
                error("unterminated raw quoted string");
            } else if (c == '`') {
                break;
            }
        }
        emit(Type.RAW_STRING);
    }
}
