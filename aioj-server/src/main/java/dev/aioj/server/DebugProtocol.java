package dev.aioj.server;

/**
 * DEBUG PROTOCOL: one sample reply of each RESP type, for client test suites
 * (debug.c): string, integer, double, bignum, null, array, set, map, attrib,
 * push, verbatim, true and false, in the caller's protocol (RESP2 folds the
 * RESP3 types, refuses push).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class DebugProtocol {

    private DebugProtocol() {}

    static void reply(Client c, String type) {
        ReplyWriter r = c.reply;
        switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "string" -> r.bulk("Hello World");
            case "integer" -> r.integer(12345);
            case "double" -> r.doubleValue(3.141);
            case "bignum" -> {
                String n = "1234567999999999999999999999999999999";
                if (r.resp == 2) {
                    r.bulk(n);
                } else {
                    r.raw(ReplyWriter.ascii("(" + n + "\r\n"));
                }
            }
            case "null" -> r.nullBulk();
            case "array" -> {
                r.array(3);
                for (int j = 0; j < 3; j++) {
                    r.integer(j);
                }
            }
            case "set" -> {
                r.set(3);
                for (int j = 0; j < 3; j++) {
                    r.integer(j);
                }
            }
            case "map" -> {
                r.map(3);
                for (int j = 0; j < 3; j++) {
                    r.integer(j);
                    r.bool(j == 1);
                }
            }
            case "attrib" -> {
                if (r.resp >= 3) {
                    r.raw(ReplyWriter.ascii("|1\r\n"));
                    r.bulk("key-popularity");
                    r.array(2);
                    r.bulk("key:123");
                    r.integer(90);
                }
                r.bulk("Some real reply following the attribute");
            }
            case "push" -> {
                if (r.resp < 3) {
                    r.error("ERR RESP2 is not supported by this command");
                    return;
                }
                r.push(2);
                r.bulk("server-cpu-usage");
                r.integer(42);
                r.bulk("Some real reply following the push reply");
            }
            case "true" -> r.bool(true);
            case "false" -> r.bool(false);
            case "verbatim" -> r.verbatim("This is a verbatim\nstring");
            default -> r.error("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
        }
    }
}
