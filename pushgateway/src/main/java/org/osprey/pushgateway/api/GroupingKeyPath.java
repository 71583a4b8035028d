package org.osprey.pushgateway.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeMap;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.push.TextPushParser;

/**
 * Decodes the grouping key from the raw path after {@code /metrics/}:
 * {@code job/<JOB>{/<LABEL_NAME>/<LABEL_VALUE>}}, where {@code job@base64} or
 * {@code <LABEL_NAME>@base64} marks a value in URL-safe base64 (padding optional, a lone
 * {@code =} for the empty string). Segments are percent-decoded one by one, so {@code %2F} never
 * splits a value. A trailing slash after a label name means an empty value, as upstream's router
 * gives it. Error messages follow upstream's wording. Thread-safe: stateless.
 */
public final class GroupingKeyPath {
    private static final String BASE64_SUFFIX = "@base64";

    private GroupingKeyPath() {
    }

    /** Thrown for a malformed grouping key path; the message is the HTTP 400 body. */
    public static final class InvalidGroupingKeyException extends Exception {
        InvalidGroupingKeyException(String message) {
            super(message);
        }
    }

    /**
     * @param rawPath the undecoded path after {@code /metrics/}, starting with {@code job} or {@code job@base64}
     */
    public static LabelPairs decode(String rawPath) throws InvalidGroupingKeyException {
        String[] segments = rawPath.split("/", -1);
        if (segments.length < 2 || !(segments[0].equals("job") || segments[0].equals("job" + BASE64_SUFFIX))) {
            throw new InvalidGroupingKeyException("job name is required");
        }
        TreeMap<String, String> labels = new TreeMap<>();
        String job = value("job", segments[1], segments[0].endsWith(BASE64_SUFFIX));
        if (job.isEmpty()) {
            throw new InvalidGroupingKeyException("job name is required");
        }
        labels.put("job", job);
        int rest = segments.length - 2;
        if (rest % 2 != 0) {
            StringBuilder tail = new StringBuilder();
            for (int i = 2; i < segments.length; i++) {
                tail.append('/').append(segments[i]);
            }
            throw new InvalidGroupingKeyException("odd number of components in label string \"" + tail + "\"");
        }
        for (int i = 2; i < segments.length; i += 2) {
            String name = percentDecode(segments[i]);
            boolean base64 = name.endsWith(BASE64_SUFFIX);
            if (base64) {
                name = name.substring(0, name.length() - BASE64_SUFFIX.length());
            }
            if (!TextPushParser.isValidLabelName(name) || name.startsWith("__")) {
                throw new InvalidGroupingKeyException("improper label name \"" + name + "\"");
            }
            if (segments[i + 1].isEmpty() && i + 2 < segments.length) {
                throw new InvalidGroupingKeyException("empty label value for \"" + name + "\" in the middle of the path; encode empty values as " + name + "@base64/=");
            }
            String v = value(name, segments[i + 1], base64);
            if (labels.put(name, v) != null) {
                throw new InvalidGroupingKeyException("duplicate label name \"" + name + "\" in grouping key");
            }
        }
        return LabelPairs.of(labels);
    }

    private static String value(String name, String segment, boolean base64) throws InvalidGroupingKeyException {
        String decoded = percentDecode(segment);
        if (!base64) {
            return decoded;
        }
        String stripped = decoded;
        while (stripped.endsWith("=")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(stripped);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidGroupingKeyException("invalid base64 encoding for label " + name + "=\"" + decoded + "\": " + e.getMessage());
        } catch (CharacterCodingException e) {
            throw new InvalidGroupingKeyException("invalid base64 encoding for label " + name + "=\"" + decoded + "\": not valid UTF-8");
        }
    }

    /** Decodes %XX escapes (not '+', which is literal in a path). */
    static String percentDecode(String s) throws InvalidGroupingKeyException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%') {
                if (i + 2 >= raw.length || Character.digit(raw[i + 1], 16) < 0 || Character.digit(raw[i + 2], 16) < 0) {
                    throw new InvalidGroupingKeyException("invalid URL escape in \"" + s + "\"");
                }
                out.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidGroupingKeyException("invalid UTF-8 in path segment \"" + s + "\"");
        }
    }

    /** Encodes a grouping key as a path (base64 for every value, so any value round-trips). */
    public static String encode(LabelPairs key) {
        StringBuilder sb = new StringBuilder("job");
        String job = key.get("job");
        appendValue(sb, job == null ? "" : job);
        for (int i = 0; i < key.size(); i++) {
            if (!key.name(i).equals("job")) {
                sb.append('/').append(key.name(i));
                appendValue(sb, key.value(i));
            }
        }
        return sb.toString();
    }

    private static void appendValue(StringBuilder sb, String v) {
        sb.append("@base64/");
        sb.append(v.isEmpty() ? "=" : Base64.getUrlEncoder().withoutPadding().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
    }
}
