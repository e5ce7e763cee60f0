package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The geospatial commands that add and read positions (Redis's geo.c): GEOADD
 * (with NX, XX, CH: a ZADD of geohash scores, so a geo set is a sorted set),
 * GEOPOS, GEODIST, GEOHASH. The searches are in {@link GeoSearchCommand}, the
 * math in {@link GeoHash}. Numbers are printed as Redis prints them:
 * distances with 4 decimals, coordinates with up to 17 (its "human" long
 * double form), RESP3 doubles under HELLO 3.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class GeoCommands {

    private GeoCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "geo";
        t.add("geoadd", -5, WRITE | DENYOOM, 1, 1, 1, g, "3.2.0",
                "Add one or more geospatial items in the geospatial index represented using a sorted set",
                GeoCommands::geoadd);
        t.add("geodist", -4, READONLY, 1, 1, 1, g, "3.2.0",
                "Returns the distance between two members of a geospatial index", GeoCommands::geodist);
        t.add("geohash", -2, READONLY, 1, 1, 1, g, "3.2.0",
                "Returns members of a geospatial index as standard geohash strings", GeoCommands::geohash);
        t.add("geopos", -2, READONLY, 1, 1, 1, g, "3.2.0",
                "Returns longitude and latitude of members of a geospatial index", GeoCommands::geopos);
    }

    /**
     * A longitude and latitude from two arguments (extractLongLatOrReply):
     * floats within Redis's limits; null after an error reply.
     */
    static double[] longLat(Client c, byte[][] argv, int at) {
        double[] xy = new double[2];
        for (int i = 0; i < 2; i++) {
            xy[i] = Args.doubleOrReply(c, argv[at + i]);
            if (Double.isNaN(xy[i])) {
                return null;
            }
        }
        if (xy[0] < GeoHash.LONG_MIN || xy[0] > GeoHash.LONG_MAX || xy[1] < GeoHash.LAT_MIN
                || xy[1] > GeoHash.LAT_MAX) {
            c.reply.error("ERR invalid longitude,latitude pair " + printfF(xy[0]) + "," + printfF(xy[1]));
            return null;
        }
        return xy;
    }

    /** C's {@code printf("%f")}: six decimals, exact binary value rounded half to even. */
    static String printfF(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return d < 0 || (d == 0 && 1 / d < 0) ? (s.startsWith("-") ? s : "-" + s) : s;
    }

    /** A unit's size in metres (extractUnitOrReply); -1 after an error reply. */
    static double unit(Client c, byte[] unit) {
        if (Args.is(unit, "m")) {
            return 1;
        }
        if (Args.is(unit, "km")) {
            return 1000;
        }
        if (Args.is(unit, "ft")) {
            return 0.3048;
        }
        if (Args.is(unit, "mi")) {
            return 1609.34;
        }
        c.reply.error("ERR unsupported unit provided. please use M, KM, FT, MI");
        return -1;
    }

    /** A distance with 4 decimals, as a bulk string in both protocols (addReplyDoubleDistance). */
    static void replyDistance(Client c, double d) {
        long scaled = (long) Math.rint(d * 10000.0); // llrint: to nearest, ties to even
        long abs = Math.abs(scaled);
        String fraction = Long.toString(10000 + abs % 10000).substring(1);
        String text = (scaled < 0 ? "-" : "") + abs / 10000 + "." + fraction;
        c.reply.bulk(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * A coordinate as Redis's addReplyHumanLongDouble: {@code %.17Lf} without
     * trailing zeros, a bulk string in RESP2, a double in RESP3.
     */
    static void replyCoordinate(Client c, double d) {
        String text = new BigDecimal(d).setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        text = Numbers.stripZeros(text);
        if (text.equals("-0")) {
            text = "0";
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (c.reply.resp == 2) {
            c.reply.bulk(bytes);
        } else {
            c.reply.raw(ReplyWriter.ascii("," + text + "\r\n"));
        }
    }

    /** GEOADD key [NX|XX] [CH] longitude latitude member ... : ZADD of the geohash scores. */
    static void geoadd(Client c, byte[][] argv) {
        boolean xx = false;
        boolean nx = false;
        int longIdx = 2;
        while (longIdx < argv.length) {
            byte[] opt = argv[longIdx];
            if (Args.is(opt, "nx")) {
                nx = true;
            } else if (Args.is(opt, "xx")) {
                xx = true;
            } else if (!Args.is(opt, "ch")) {
                break;
            }
            longIdx++;
        }
        if ((argv.length - longIdx) % 3 != 0 || (xx && nx)) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        int elements = (argv.length - longIdx) / 3;
        byte[][] zadd = new byte[longIdx + elements * 2][];
        zadd[0] = ReplyWriter.ascii("zadd");
        System.arraycopy(argv, 1, zadd, 1, longIdx - 1);
        for (int i = 0; i < elements; i++) {
            double[] xy = longLat(c, argv, longIdx + i * 3);
            if (xy == null) {
                return;
            }
            zadd[longIdx + i * 2] = Numbers.toBytes(GeoHash.score(xy[0], xy[1]));
            zadd[longIdx + i * 2 + 1] = argv[longIdx + i * 3 + 2];
        }
        SortedSetCommands.zadd(c, zadd, false);
    }

    /** The position of {@code member} in {@code z}, or null when absent. */
    static double[] position(SortedSet z, byte[] member) {
        SkipList.Node node = z == null ? null : z.node(member);
        return node == null ? null : GeoHash.decodeScore(node.score);
    }

    static void geopos(Client c, byte[][] argv) {
        SortedSet z = SortedSetCommands.zset(c, c.db.lookupRead(argv[1]));
        if (z == SortedSetCommands.WRONG) {
            return;
        }
        c.reply.array(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            double[] xy = position(z, argv[j]);
            if (xy == null) {
                c.reply.nullArray();
                continue;
            }
            c.reply.array(2);
            replyCoordinate(c, xy[0]);
            replyCoordinate(c, xy[1]);
        }
    }

    static void geodist(Client c, byte[][] argv) {
        double toMeters = 1;
        if (argv.length == 5) {
            toMeters = unit(c, argv[4]);
            if (toMeters < 0) {
                return;
            }
        } else if (argv.length > 5) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        Object v = c.db.lookupRead(argv[1]);
        if (v == null) {
            c.reply.nullBulk();
            return;
        }
        SortedSet z = SortedSetCommands.zset(c, v);
        if (z == SortedSetCommands.WRONG) {
            return;
        }
        double[] a = position(z, argv[2]);
        double[] b = a == null ? null : position(z, argv[3]);
        if (b == null) {
            c.reply.nullBulk();
            return;
        }
        replyDistance(c, GeoHash.distance(a[0], a[1], b[0], b[1]) / toMeters);
    }

    /** Standard geohash letters: 11 characters over the ±90 latitude range, the last always '0'. */
    static void geohash(Client c, byte[][] argv) {
        SortedSet z = SortedSetCommands.zset(c, c.db.lookupRead(argv[1]));
        if (z == SortedSetCommands.WRONG) {
            return;
        }
        byte[] alphabet = ReplyWriter.ascii("0123456789bcdefghjkmnpqrstuvwxyz");
        c.reply.array(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            double[] xy = position(z, argv[j]);
            if (xy == null) {
                c.reply.nullBulk();
                continue;
            }
            GeoHash.Bits hash = GeoHash.encode(-180, 180, -90, 90, xy[0], xy[1], 26);
            long bits = hash == null ? 0 : hash.bits();
            byte[] text = new byte[11];
            for (int i = 0; i < 11; i++) {
                int idx = i == 10 ? 0 : (int) ((bits >>> (52 - ((i + 1) * 5))) & 0x1f);
                text[i] = alphabet[idx];
            }
            c.reply.bulk(text);
        }
    }
}
