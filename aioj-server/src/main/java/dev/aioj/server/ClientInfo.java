package dev.aioj.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One client described as a line of CLIENT LIST / CLIENT INFO, with Redis
 * 7.0's fields in Redis's order (catClientInfoString), so tools that parse
 * those lines work. Fields without a meaning here (fd, buffer details) carry
 * neutral values; {@code omem} is the client's unsent output, {@code qbuf}
 * its unparsed input.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ClientInfo {

    private ClientInfo() {}

    static String describe(Client c) {
        long now = c.server.now();
        StringBuilder flags = new StringBuilder();
        if (c.monitor) {
            flags.append('O');
        }
        if (c.isSubscribed()) {
            flags.append('P');
        }
        if (c.inMulti()) {
            flags.append('x');
        }
        if (c.blocked != null) {
            flags.append('b');
        }
        Tracking.ClientState t = c.tracking;
        boolean tracking = t != null && t.on;
        if (tracking) {
            flags.append('t');
            if (t.brokenRedirect) {
                flags.append('R');
            }
            if (t.bcast) {
                flags.append('B');
            }
        }
        if (c.dirtyCas) {
            flags.append('d');
        }
        if (c.noEvict) {
            flags.append('e');
        }
        if (flags.isEmpty()) {
            flags.append('N');
        }
        long qbuf = c.parser.buffered();
        long omem = c.pendingOutput();
        return "id=" + c.id
                + " addr=" + address(c.transport == null ? null : c.transport.remoteAddress())
                + " laddr=" + address(c.transport == null ? null : c.transport.localAddress())
                + " fd=-1"
                + " name=" + (c.name == null ? "" : Errors.latin1(c.name, c.name.length))
                + " age=" + (now - c.createdMillis) / 1000
                + " idle=" + (now - c.lastInteractionMillis) / 1000
                + " flags=" + flags
                + " db=" + c.db.id
                + " sub=" + (c.channels == null ? 0 : c.channels.size())
                + " psub=" + (c.patterns == null ? 0 : c.patterns.size())
                + " ssub=0"
                + " multi=" + (c.inMulti() ? c.queued.size() : -1)
                + " qbuf=" + qbuf
                + " qbuf-free=0"
                + " argv-mem=0"
                + " multi-mem=0"
                + " rbs=" + ReplyWriter.CHUNK
                + " rbp=0"
                + " obl=" + c.reply.buffered()
                + " oll=0"
                + " omem=" + omem
                + " tot-mem=" + (qbuf + omem + ReplyWriter.CHUNK)
                + " events=r"
                + " cmd=" + c.lastCommand
                + " user=default"
                + " redir=" + (tracking ? t.redirect : -1)
                + " resp=" + c.reply.resp;
    }

    /** ip:port as Redis prints it ([ipv6]:port). */
    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            if (host.contains(":")) {
                int zone = host.indexOf('%');
                host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
            }
            return host + ":" + inet.getPort();
        }
        return address == null ? "" : address.toString();
    }
}
