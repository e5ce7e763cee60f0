package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bit and HLL writes change a string in place once the server owns it
 * ({@link OwnedStrings}); these tests pin that no other holder of the bytes
 * sees the change: a reply already queued, a COPY, a list element stored by
 * SORT ... GET ... STORE.
 */
class OwnedStringsTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aReplyQueuedBeforeAnInPlaceSetbitKeepsTheOldBytes() throws Exception {
        RespConnection c = server.connect();
        c.call("SETBIT", "big", "800000", "1"); // 100 KB, larger than a reply chunk: handed to the transport as is
        c.call("SETBIT", "big", "1", "1"); // now owned and changed in place
        byte[] pipeline = concat(RespConnection.encode(b("GET"), b("big")),
                RespConnection.encode(b("SETBIT"), b("big"), b("0"), b("1")),
                RespConnection.encode(b("GET"), b("big")));
        c.sendRaw(pipeline);
        String before = c.readReply();
        assertThat(c.readReply()).isEqualTo(":0\r\n");
        String after = c.readReply();
        int first = before.indexOf("\r\n") + 2;
        assertThat(before.charAt(first)).as("first byte before: bit 1 only").isEqualTo((char) 0x40);
        assertThat(after.charAt(first)).as("first byte after: bits 0 and 1").isEqualTo((char) 0xC0);
        assertThat(after.length()).isEqualTo(before.length());
    }

    @Test
    void aCopyOfAnOwnedBitmapDoesNotChangeWithIt() throws Exception {
        RespConnection c = server.connect();
        c.call("SETBIT", "bm", "7", "1");
        c.call("SETBIT", "bm", "6", "1");
        assertThat(c.call("COPY", "bm", "copy")).isEqualTo(":1\r\n");
        c.call("SETBIT", "bm", "0", "1");
        c.call("BITFIELD", "bm", "SET", "u8", "8", "255");
        assertThat(c.call("GET", "copy")).isEqualTo("$1\r\n\u0003\r\n");
        assertThat(c.call("GET", "bm")).isEqualTo("$2\r\n\u0083\u00ff\r\n");
        c.call("SETBIT", "copy", "5", "1");
        assertThat(c.call("GET", "bm")).isEqualTo("$2\r\n\u0083\u00ff\r\n");
    }

    @Test
    void aListElementStoredBySortDoesNotChangeWithTheBitmap() throws Exception {
        RespConnection c = server.connect();
        c.call("RPUSH", "ids", "1");
        c.call("SETBIT", "bits_1", "7", "1");
        c.call("SETBIT", "bits_1", "6", "1");
        assertThat(c.call("SORT", "ids", "GET", "bits_*", "STORE", "out")).isEqualTo(":1\r\n");
        c.call("SETBIT", "bits_1", "0", "1");
        assertThat(c.call("LINDEX", "out", "0")).isEqualTo("$1\r\n\u0003\r\n");
    }

    @Test
    void aDenseHyperLogLogEditedInPlaceLeavesItsCopyAlone() throws Exception {
        RespConnection c = server.connect();
        String[] add = new String[3002];
        add[0] = "PFADD";
        add[1] = "h";
        for (int i = 0; i < 3000; i++) {
            add[i + 2] = "e" + i;
        }
        c.call(add);
        assertThat(c.call("PFDEBUG", "ENCODING", "h")).isEqualTo("+dense\r\n");
        c.call("PFADD", "h", "x1");
        String count = c.call("PFCOUNT", "h");
        c.call("COPY", "h", "h2");
        String copied = c.call("GET", "h2");
        for (int i = 0; i < 200; i++) {
            c.call("PFADD", "h", "more" + i);
        }
        assertThat(c.call("GET", "h2")).isEqualTo(copied);
        assertThat(c.call("PFCOUNT", "h2")).isEqualTo(count);
        assertThat(c.call("PFCOUNT", "h")).isNotEqualTo(count);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
