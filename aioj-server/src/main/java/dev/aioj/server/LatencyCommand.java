package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.STALE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LATENCY LATEST, HISTORY, RESET, GRAPH, DOCTOR, HISTOGRAM and HELP (Redis's
 * latency.c): the latency monitor's spikes ({@link LatencyMonitor}) and the
 * per-command latency distributions ({@link LatencyHistogram}).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class LatencyCommand {

    private LatencyCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "server";
        int flags = ADMIN | NOSCRIPT | LOADING | STALE;
        t.addContainer("latency", -2, 0, g, "2.8.13", "A container for latency diagnostics commands", sub -> sub
                .add("latest", 2, flags, 0, 0, 0, g, "2.8.13", "Return the latest latency samples for all events.",
                        LatencyCommand::latest)
                .add("history", 3, flags, 0, 0, 0, g, "2.8.13", "Return timestamp-latency samples for the event.",
                        LatencyCommand::history)
                .add("reset", -2, flags, 0, 0, 0, g, "2.8.13", "Reset latency data for one or more events.",
                        LatencyCommand::reset)
                .add("graph", 3, flags, 0, 0, 0, g, "2.8.13", "Return a latency graph for the event.",
                        LatencyCommand::graph)
                .add("doctor", 2, flags, 0, 0, 0, g, "2.8.13", "Return a human readable latency analysis report.",
                        (c, a) -> c.reply.verbatim(LatencyReport.doctor(c.server)))
                .add("histogram", -2, flags, 0, 0, 0, g, "7.0.0", "Return the cumulative distribution of latencies "
                        + "of a subset of commands or all.", LatencyCommand::histogram)
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "2.8.13",
                        "Show helpful text about the different subcommands.", (c, a) -> HelpReply.send(c, "latency",
                        "DOCTOR",
                        "    Return a human readable latency analysis report.",
                        "GRAPH <event>",
                        "    Return an ASCII latency graph for the <event> class.",
                        "HISTORY <event>",
                        "    Return time-latency samples for the <event> class.",
                        "LATEST",
                        "    Return the latest latency samples for all events.",
                        "RESET [<event> ...]",
                        "    Reset latency data of one or more <event> classes.",
                        "    (default: reset all data for all event classes)",
                        "HISTOGRAM [COMMAND ...]",
                        "    Return a cumulative distribution of latencies in the format of a histogram for the "
                                + "specified command names.",
                        "    If no commands are specified then all histograms are replied.")));
    }

    static void latest(Client c, byte[][] argv) {
        Map<String, LatencyMonitor.Series> events = c.server.latency.events;
        c.reply.array(events.size());
        for (Map.Entry<String, LatencyMonitor.Series> e : events.entrySet()) {
            LatencyMonitor.Series s = e.getValue();
            int last = s.latest();
            c.reply.array(4);
            c.reply.bulk(e.getKey());
            c.reply.integer(s.times[last]);
            c.reply.integer(s.latencies[last]);
            c.reply.integer(s.max);
        }
    }

    static void history(Client c, byte[][] argv) {
        LatencyMonitor.Series s = c.server.latency.events.get(Errors.latin1(argv[2], argv[2].length));
        if (s == null) {
            c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            return;
        }
        List<long[]> samples = new ArrayList<>();
        for (int j = 0; j < LatencyMonitor.SAMPLES; j++) {
            int i = (s.next + j) % LatencyMonitor.SAMPLES;
            if (s.times[i] != 0) {
                samples.add(new long[] {s.times[i], s.latencies[i]});
            }
        }
        c.reply.array(samples.size());
        for (long[] sample : samples) {
            c.reply.array(2);
            c.reply.integer(sample[0]);
            c.reply.integer(sample[1]);
        }
    }

    static void reset(Client c, byte[][] argv) {
        LatencyMonitor m = c.server.latency;
        if (argv.length == 2) {
            c.reply.integer(m.reset(null));
            return;
        }
        int resets = 0;
        for (int j = 2; j < argv.length; j++) {
            resets += m.reset(Errors.latin1(argv[j], argv[j].length));
        }
        c.reply.integer(resets);
    }

    static void graph(Client c, byte[][] argv) {
        String event = Errors.latin1(argv[2], argv[2].length);
        LatencyMonitor.Series s = c.server.latency.events.get(event);
        if (s == null) {
            c.reply.error("ERR No samples available for event '" + event + "'");
            return;
        }
        c.reply.verbatim(LatencyReport.graph(c.server, event, s));
    }

    /** LATENCY HISTOGRAM [command ...]: a map of command to {calls, histogram_usec: {usec: cumulative}}. */
    static void histogram(Client c, byte[][] argv) {
        List<Command> wanted = new ArrayList<>();
        if (argv.length == 2) {
            wanted.addAll(c.server.commands.allWithSubcommands());
        } else {
            for (int j = 2; j < argv.length; j++) {
                Command cmd = CommandCommand.find(c.server.commands, Errors.latin1(argv[j], argv[j].length));
                if (cmd == null) {
                    continue;
                }
                wanted.add(cmd);
                if (cmd.subcommands() != null) {
                    wanted.addAll(cmd.subcommands().all());
                }
            }
        }
        wanted.removeIf(cmd -> cmd.stats().histogram == null);
        c.reply.map(wanted.size());
        for (Command cmd : wanted) {
            LatencyHistogram h = cmd.stats().histogram;
            c.reply.bulk(cmd.fullName());
            c.reply.map(2);
            c.reply.bulk("calls");
            c.reply.integer(h.totalCount());
            c.reply.bulk("histogram_usec");
            List<long[]> points = new ArrayList<>();
            h.forEachLogPoint((micros, cumulative) -> points.add(new long[] {micros, cumulative}));
            c.reply.map(points.size());
            for (long[] p : points) {
                c.reply.integer(p[0]);
                c.reply.integer(p[1]);
            }
        }
    }

    /** INFO latencystats' line for one command: p50=...,p99=...,p99.9=... in microseconds. */
    static String percentiles(LatencyHistogram h, double[] percentiles) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < percentiles.length; j++) {
            if (j > 0) {
                b.append(',');
            }
            b.append('p').append(SpecialTypes.Percentiles.trimmed(percentiles[j])).append('=')
                    .append(String.format(Locale.ROOT, "%.3f", h.valueAtPercentile(percentiles[j]) / 1000.0));
        }
        return b.toString();
    }
}
