package dev.aioj.redis.resp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample of every RESP3 frame type, by type byte, for tests that put
 * something in front of each (an attribute) and check nothing shifts.
 */
public final class RespFrames {

    private RespFrames() {}

    /** An attribute as Redis's client-side caching proposal sends it. */
    public static final String ATTRIBUTE = "|1\r\n+key-popularity\r\n*2\r\n$1\r\na\r\n,0.1923\r\n";

    /** Type name -> one frame of that type (push and attribute included). */
    public static Map<String, String> everyType() {
        Map<String, String> frames = new LinkedHashMap<>();
        frames.put("simple string", "+OK\r\n");
        frames.put("simple error", "-ERR bad thing\r\n");
        frames.put("integer", ":42\r\n");
        frames.put("bulk string", "$5\r\nhello\r\n");
        frames.put("null bulk string", "$-1\r\n");
        frames.put("array", "*2\r\n:1\r\n$1\r\nx\r\n");
        frames.put("null array", "*-1\r\n");
        frames.put("null", "_\r\n");
        frames.put("double", ",3.5\r\n");
        frames.put("boolean", "#t\r\n");
        frames.put("blob error", "!10\r\nERR broken\r\n");
        frames.put("verbatim string", "=9\r\ntxt:hello\r\n");
        frames.put("big number", "(123456789012345678901234567890\r\n");
        frames.put("map", "%1\r\n+k\r\n:1\r\n");
        frames.put("set", "~2\r\n+a\r\n+b\r\n");
        frames.put("push", ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$5\r\nhello\r\n");
        frames.put("attribute", "|1\r\n+ttl\r\n:9\r\n:7\r\n");
        return frames;
    }
}
