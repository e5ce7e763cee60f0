package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The geospatial searches, one engine for all six commands (Redis's
 * georadiusGeneric): GEOSEARCH and GEOSEARCHSTORE (FROMMEMBER or FROMLONLAT,
 * BYRADIUS or BYBOX, STOREDIST), GEORADIUS and GEORADIUSBYMEMBER (STORE,
 * STOREDIST) and their _RO variants; WITHDIST, WITHHASH, WITHCOORD, ASC/DESC,
 * COUNT with or without ANY.
 *
 * <p>As in Redis: the members come from the sorted-set score ranges of the
 * center geohash box and its neighbours ({@link GeoHash#areasByShape}), in
 * that order, each filtered by the exact shape; ANY stops at COUNT matches;
 * sorting by distance is stable, or Redis's partial quicksort when COUNT cuts
 * the result, so ties come out in Redis's order. Arguments are checked in
 * Redis's order, so each bad input answers Redis's error.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class GeoSearchCommand {

    private GeoSearchCommand() {}

    private static final int RADIUS_COORDS = 1;
    private static final int RADIUS_MEMBER = 1 << 1;
    private static final int RADIUS_NOSTORE = 1 << 2;
    private static final int GEOSEARCH = 1 << 3;
    private static final int GEOSEARCHSTORE = 1 << 4;

    private static final int SORT_NONE = 0;
    private static final int SORT_ASC = 1;
    private static final int SORT_DESC = 2;

    static void register(CommandTable.Builder t) {
        String g = "geo";
        t.add("georadius", -6, WRITE | DENYOOM, 1, 1, 1, g, "3.2.0",
                "Query a sorted set representing a geospatial index to fetch members matching a given maximum "
                        + "distance from a point", (c, a) -> search(c, a, 1, RADIUS_COORDS));
        t.add("georadius_ro", -6, READONLY, 1, 1, 1, g, "3.2.10", "A read-only variant for GEORADIUS",
                (c, a) -> search(c, a, 1, RADIUS_COORDS | RADIUS_NOSTORE));
        t.add("georadiusbymember", -5, WRITE | DENYOOM, 1, 1, 1, g, "3.2.0",
                "Query a sorted set representing a geospatial index to fetch members matching a given maximum "
                        + "distance from a member", (c, a) -> search(c, a, 1, RADIUS_MEMBER));
        t.add("georadiusbymember_ro", -5, READONLY, 1, 1, 1, g, "3.2.10",
                "A read-only variant for GEORADIUSBYMEMBER",
                (c, a) -> search(c, a, 1, RADIUS_MEMBER | RADIUS_NOSTORE));
        t.add("geosearch", -7, READONLY, 1, 1, 1, g, "6.2.0",
                "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a "
                        + "circle.", (c, a) -> search(c, a, 1, GEOSEARCH));
        t.add("geosearchstore", -8, WRITE | DENYOOM, 1, 2, 1, g, "6.2.0",
                "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a "
                        + "circle, and store the result in another key.",
                (c, a) -> search(c, a, 2, GEOSEARCH | GEOSEARCHSTORE));
    }

    /** One match. */
    private static final class Point {
        final double longitude;
        final double latitude;
        double dist;
        final double score;
        final byte[] member;

        Point(double longitude, double latitude, double dist, double score, byte[] member) {
            this.longitude = longitude;
            this.latitude = latitude;
            this.dist = dist;
            this.score = score;
            this.member = member;
        }
    }

    /** The search shape while the arguments are read. */
    private static final class ShapeBuilder {
        double longitude;
        double latitude;
        boolean circle;
        double radius;
        double width;
        double height;
        double conversion;

        GeoHash.Shape build() {
            return new GeoHash.Shape(longitude, latitude, circle, radius, width, height, conversion);
        }
    }

    static void search(Client c, byte[][] argv, int srcKeyIndex, int flags) {
        byte[] storeKey = null;
        boolean storeDist = false;
        SortedSet z = SortedSetCommands.zset(c, c.db.lookupRead(argv[srcKeyIndex]));
        if (z == SortedSetCommands.WRONG) {
            return;
        }
        ShapeBuilder shape = new ShapeBuilder();
        int baseArgs;
        if ((flags & RADIUS_COORDS) != 0) {
            baseArgs = 6;
            shape.circle = true;
            if (!center(c, argv, 2, shape) || !radius(c, argv, baseArgs - 2, shape)) {
                return;
            }
        } else if ((flags & RADIUS_MEMBER) != 0 && z == null) {
            baseArgs = 5; // no key: parse the rest only to know whether STORE was asked
        } else if ((flags & RADIUS_MEMBER) != 0) {
            baseArgs = 5;
            shape.circle = true;
            if (!centerAtMember(c, z, argv[2], shape) || !radius(c, argv, baseArgs - 2, shape)) {
                return;
            }
        } else {
            baseArgs = 2;
            if ((flags & GEOSEARCHSTORE) != 0) {
                baseArgs = 3;
                storeKey = argv[1];
            }
        }
        boolean withDist = false;
        boolean withHash = false;
        boolean withCoords = false;
        boolean fromMember = false;
        boolean fromLonLat = false;
        boolean byRadius = false;
        boolean byBox = false;
        boolean any = false;
        int sort = SORT_NONE;
        long count = 0;
        int remaining = argv.length - baseArgs;
        boolean geosearch = (flags & GEOSEARCH) != 0;
        boolean storeAllowed = (flags & RADIUS_NOSTORE) == 0 && !geosearch;
        for (int i = 0; i < remaining; i++) {
            byte[] arg = argv[baseArgs + i];
            if (Args.is(arg, "withdist")) {
                withDist = true;
            } else if (Args.is(arg, "withhash")) {
                withHash = true;
            } else if (Args.is(arg, "withcoord")) {
                withCoords = true;
            } else if (Args.is(arg, "any")) {
                any = true;
            } else if (Args.is(arg, "asc")) {
                sort = SORT_ASC;
            } else if (Args.is(arg, "desc")) {
                sort = SORT_DESC;
            } else if (Args.is(arg, "count") && i + 1 < remaining) {
                if (!Args.isLong(c, argv[baseArgs + i + 1])) {
                    return;
                }
                count = Numbers.toLong(argv[baseArgs + i + 1]);
                if (count <= 0) {
                    c.reply.error("ERR COUNT must be > 0");
                    return;
                }
                i++;
            } else if (Args.is(arg, "store") && i + 1 < remaining && storeAllowed) {
                storeKey = argv[baseArgs + i + 1];
                storeDist = false;
                i++;
            } else if (Args.is(arg, "storedist") && i + 1 < remaining && storeAllowed) {
                storeKey = argv[baseArgs + i + 1];
                storeDist = true;
                i++;
            } else if (Args.is(arg, "storedist") && geosearch && (flags & GEOSEARCHSTORE) != 0) {
                storeDist = true;
            } else if (Args.is(arg, "frommember") && i + 1 < remaining && geosearch && !fromLonLat) {
                if (z != null && !centerAtMember(c, z, argv[baseArgs + i + 1], shape)) {
                    return;
                }
                fromMember = true;
                i++;
            } else if (Args.is(arg, "fromlonlat") && i + 2 < remaining && geosearch && !fromMember) {
                if (!center(c, argv, baseArgs + i + 1, shape)) {
                    return;
                }
                fromLonLat = true;
                i += 2;
            } else if (Args.is(arg, "byradius") && i + 2 < remaining && geosearch && !byBox) {
                if (!radius(c, argv, baseArgs + i + 1, shape)) {
                    return;
                }
                shape.circle = true;
                byRadius = true;
                i += 2;
            } else if (Args.is(arg, "bybox") && i + 3 < remaining && geosearch && !byRadius) {
                if (!box(c, argv, baseArgs + i + 1, shape)) {
                    return;
                }
                shape.circle = false;
                byBox = true;
                i += 3;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        if (storeKey != null && (withDist || withHash || withCoords)) {
            c.reply.error("ERR " + ((flags & GEOSEARCHSTORE) != 0 ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                    + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
            return;
        }
        String name = Errors.latin1(argv[0], Integer.MAX_VALUE);
        if (geosearch && !(fromMember || fromLonLat)) {
            c.reply.error("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + name);
            return;
        }
        if (geosearch && !(byRadius || byBox)) {
            c.reply.error("ERR exactly one of BYRADIUS and BYBOX can be specified for " + name);
            return;
        }
        if (any && count == 0) {
            c.reply.error("ERR the ANY argument requires COUNT argument");
            return;
        }
        if (z == null) {
            if (storeKey != null) {
                if (c.db.delete(storeKey)) {
                    c.db.notify(NotifyType.GENERIC, "del", storeKey);
                }
                c.reply.raw(ReplyWriter.ZERO);
            } else {
                c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            }
            return;
        }
        if (count != 0 && sort == SORT_NONE && !any) {
            sort = SORT_ASC;
        }
        GeoHash.Shape s = shape.build();
        List<Point> found = membersOfAllNeighbours(z, GeoHash.areasByShape(s), s, any ? count : 0);
        if (found.isEmpty() && storeKey == null) {
            c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            return;
        }
        Point[] points = found.toArray(new Point[0]);
        int returned = (int) (count == 0 || points.length < count ? points.length : count);
        if (sort != SORT_NONE) {
            Comparator<Point> byDistance = (a, b) -> a.dist > b.dist ? 1 : a.dist == b.dist ? 0 : -1;
            Comparator<Point> cmp = sort == SORT_ASC ? byDistance : (a, b) -> -byDistance.compare(a, b);
            if (returned == points.length) {
                Arrays.sort(points, cmp); // stable, like glibc's qsort (a merge sort)
            } else {
                PartialQuickSort.sort(points, cmp, 0, returned - 1);
            }
        }
        if (storeKey == null) {
            reply(c, points, returned, s.conversion(), withDist, withHash, withCoords);
            return;
        }
        SortedSet stored = c.server.newSortedSet();
        for (int i = 0; i < returned; i++) {
            Point p = points[i];
            p.dist /= s.conversion();
            stored.put(p.member, storeDist ? p.dist : p.score);
        }
        if (returned > 0) {
            c.db.set(storeKey, stored, false);
            c.db.notify(NotifyType.ZSET, geosearch ? "geosearchstore" : "georadiusstore", storeKey);
        } else if (c.db.delete(storeKey)) {
            c.db.notify(NotifyType.GENERIC, "del", storeKey);
        }
        c.reply.integer(returned);
    }

    private static void reply(Client c, Point[] points, int returned, double conversion, boolean withDist,
            boolean withHash, boolean withCoords) {
        int options = (withDist ? 1 : 0) + (withCoords ? 1 : 0) + (withHash ? 1 : 0);
        c.reply.array(returned);
        for (int i = 0; i < returned; i++) {
            Point p = points[i];
            p.dist /= conversion;
            if (options > 0) {
                c.reply.array(options + 1);
            }
            c.reply.bulk(p.member);
            if (withDist) {
                GeoCommands.replyDistance(c, p.dist);
            }
            if (withHash) {
                c.reply.integer((long) p.score);
            }
            if (withCoords) {
                c.reply.array(2);
                GeoCommands.replyCoordinate(c, p.longitude);
                GeoCommands.replyCoordinate(c, p.latitude);
            }
        }
    }

    /** The center from a longitude and latitude argument pair; false after an error reply. */
    private static boolean center(Client c, byte[][] argv, int at, ShapeBuilder shape) {
        double[] xy = GeoCommands.longLat(c, argv, at);
        if (xy == null) {
            return false;
        }
        shape.longitude = xy[0];
        shape.latitude = xy[1];
        return true;
    }

    private static boolean centerAtMember(Client c, SortedSet z, byte[] member, ShapeBuilder shape) {
        double[] xy = GeoCommands.position(z, member);
        if (xy == null) {
            c.reply.error("ERR could not decode requested zset member");
            return false;
        }
        shape.longitude = xy[0];
        shape.latitude = xy[1];
        return true;
    }

    /** A radius and its unit (extractDistanceOrReply); false after an error reply. */
    private static boolean radius(Client c, byte[][] argv, int at, ShapeBuilder shape) {
        double distance = Numbers.parseDouble(argv[at]);
        if (Double.isNaN(distance)) {
            c.reply.error("ERR need numeric radius");
            return false;
        }
        if (distance < 0) {
            c.reply.error("ERR radius cannot be negative");
            return false;
        }
        shape.radius = distance;
        double toMeters = GeoCommands.unit(c, argv[at + 1]);
        if (toMeters < 0) {
            return false;
        }
        shape.conversion = toMeters;
        return true;
    }

    /** A width, height and unit (extractBoxOrReply); false after an error reply. */
    private static boolean box(Client c, byte[][] argv, int at, ShapeBuilder shape) {
        double w = Numbers.parseDouble(argv[at]);
        if (Double.isNaN(w)) {
            c.reply.error("ERR need numeric width");
            return false;
        }
        double h = Numbers.parseDouble(argv[at + 1]);
        if (Double.isNaN(h)) {
            c.reply.error("ERR need numeric height");
            return false;
        }
        if (h < 0 || w < 0) {
            c.reply.error("ERR height or width cannot be negative");
            return false;
        }
        shape.height = h;
        shape.width = w;
        double toMeters = GeoCommands.unit(c, argv[at + 2]);
        if (toMeters < 0) {
            return false;
        }
        shape.conversion = toMeters;
        return true;
    }

    /**
     * membersOfAllNeighbors: the matches in the center box, then each
     * neighbour, skipping a neighbour equal to the one searched just before
     * it (not to the center: Redis compares with the last neighbour only).
     */
    private static List<Point> membersOfAllNeighbours(SortedSet z, GeoHash.Radius r, GeoHash.Shape shape,
            long limit) {
        GeoHash.Bits[] boxes = new GeoHash.Bits[9];
        boxes[0] = r.hash();
        System.arraycopy(r.neighbours(), 0, boxes, 1, 8);
        List<Point> found = new ArrayList<>();
        int lastProcessed = 0;
        for (int i = 0; i < boxes.length; i++) {
            if (boxes[i].isZero()) {
                continue;
            }
            if (lastProcessed != 0 && boxes[i].equals(boxes[lastProcessed])) {
                continue;
            }
            if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
                break;
            }
            membersOfBox(z, boxes[i], shape, found, limit);
            lastProcessed = i;
        }
        return found;
    }

    /** The members whose score lies in the box's range [min, max), within the shape. */
    private static void membersOfBox(SortedSet z, GeoHash.Bits box, GeoHash.Shape shape, List<Point> found,
            long limit) {
        double min = GeoHash.align52(box);
        double max = GeoHash.align52(new GeoHash.Bits(box.bits() + 1, box.step()));
        SkipList.Node node = z.list.firstInRange(new SkipList.ScoreRange(min, false, max, true));
        for (; node != null && node.score < max; node = node.next()) {
            double[] xy = GeoHash.decodeScore(node.score);
            double dist = GeoHash.distanceIfWithin(shape, xy[0], xy[1]);
            if (dist >= 0) {
                found.add(new Point(xy[0], xy[1], dist, node.score, node.member));
            }
            if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
                break;
            }
        }
    }
}
