package dev.aioj.server;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants the server's request parser is fuzzed against ({@link
 * MultibulkRequestFuzzTest}, {@link InlineRequestFuzzTest}), issue 15:
 *
 * <ul>
 *   <li>nothing escapes: the parser reports a protocol error through
 *       {@link RequestParser#error()} (the server then answers it and closes
 *       the connection, {@code ServerGarbageTest}), it never throws;
 *   <li>every call returns and consumes: no more commands than bytes;
 *   <li>no allocation driven by an announced count or length: the bytes the
 *       thread allocates stay within a small multiple of the input;
 *   <li>the input split in three reads gives the same commands and the same
 *       error as the input in one read.
 * </ul>
 */
final class RequestFuzzing {

    private RequestFuzzing() {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private record Outcome(List<String> commands, String error) {}

    static void check(byte[] input) {
        boolean auth = input.length > 1 && (input[input.length - 1] & 1) == 1;
        parse(input, new int[] {input.length}, auth); // once unmeasured: class loading and Jazzer's instrumentation allocate too
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Outcome whole = parse(input, new int[] {input.length}, auth);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (allocated > 64L * input.length + (8 << 20)) {
            throw new AssertionError("parsing " + input.length + " bytes allocated " + allocated + " bytes");
        }
        int a = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
        int b = input.length < 2 ? 0 : (input[1] & 0xFF) % (input.length - a + 1);
        Outcome split = parse(input, new int[] {a, b, input.length - a - b}, auth);
        if (!whole.equals(split)) {
            throw new AssertionError("split at " + a + "+" + b + " gave " + split + ", whole gave " + whole);
        }
    }

    private static Outcome parse(byte[] input, int[] reads, boolean authRequired) {
        RequestParser parser = new RequestParser(512L * 1024 * 1024);
        List<String> commands = new ArrayList<>();
        int offset = 0;
        for (int length : reads) {
            parser.append(input, offset, length);
            offset += length;
            for (byte[][] argv; (argv = parser.next(authRequired)) != null; ) {
                StringBuilder text = new StringBuilder();
                for (byte[] arg : argv) {
                    text.append(new String(arg, java.nio.charset.StandardCharsets.ISO_8859_1)).append('|');
                }
                commands.add(text.toString());
                if (commands.size() > input.length) {
                    throw new AssertionError("more commands than bytes: the parser stopped consuming");
                }
            }
            if (parser.error() != null) {
                break; // the server answers the error and closes the connection
            }
        }
        return new Outcome(commands, parser.error());
    }
}
