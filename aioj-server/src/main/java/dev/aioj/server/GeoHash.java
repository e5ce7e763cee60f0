package dev.aioj.server;

/**
 * Redis's geohash math (geohash.c and geohash_helper.c), operation for
 * operation, so that scores, decoded coordinates and distances match Redis's
 * to the last digit: a position is a 52-bit interleaved geohash (26 steps of
 * latitude and longitude over Redis's ranges, latitude limited to ±85.05112878
 * as in Web Mercator), stored as a sorted-set score; searches cover the
 * shape's bounding box with the geohash box of the center and its eight
 * neighbours at a step estimated from the radius; distances are haversine on
 * a sphere of 6372797.560856 m.
 *
 * <p>Coordinates and scores are pure arithmetic and match Redis exactly.
 * Distances use glibc's sin, cos and asin in Redis, which no Java library
 * reproduces bit for bit (glibc even picks an FMA build of them on CPUs that
 * have FMA): here {@link Math#sin}/{@link Math#cos} (the JIT's intrinsics,
 * which agree with glibc on about 99.85% of inputs) and a correctly rounded
 * arcsine ({@link PreciseAsin}, 99.8%), so a full-precision distance agrees
 * with Redis's for about 99.8% of pairs and differs by an ulp otherwise:
 * invisible in the 4-decimal distances of GEODIST and WITHDIST, visible
 * only in the 17 digits of STOREDIST scores.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class GeoHash {

    private GeoHash() {}

    static final int STEP_MAX = 26;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;

    /** Redis's D_R (M_PI / 180.0). */
    private static final double D_R = Math.PI / 180.0;
    static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
    private static final double MERCATOR_MAX = 20037726.37;

    /** A geohash of {@code step} steps per coordinate: {@code 2 * step} bits. Zero bits and step: "none". */
    record Bits(long bits, int step) {
        static final Bits NONE = new Bits(0, 0);

        boolean isZero() {
            return bits == 0 && step == 0;
        }
    }

    /** A box: longitude and latitude ranges. */
    record Area(double longMin, double longMax, double latMin, double latMax) {}

    /** The search shape: a circle (radius) or a box (width, height), in {@code conversion}s of metres. */
    record Shape(double longitude, double latitude, boolean circle, double radius, double width, double height,
            double conversion) {}

    /** The center box and its neighbours, in Redis's search order; {@link Bits#NONE} for one excluded. */
    record Radius(Bits hash, Area area, Bits[] neighbours) {}

    private static long interleave64(long xlo, long ylo) {
        long[] b = {0x5555555555555555L, 0x3333333333333333L, 0x0F0F0F0F0F0F0F0FL, 0x00FF00FF00FF00FFL,
            0x0000FFFF0000FFFFL};
        int[] s = {1, 2, 4, 8, 16};
        long x = xlo;
        long y = ylo;
        for (int i = 4; i >= 0; i--) {
            x = (x | (x << s[i])) & b[i];
            y = (y | (y << s[i])) & b[i];
        }
        return x | (y << 1);
    }

    private static long deinterleave64(long interleaved) {
        long[] b = {0x5555555555555555L, 0x3333333333333333L, 0x0F0F0F0F0F0F0F0FL, 0x00FF00FF00FF00FFL,
            0x0000FFFF0000FFFFL, 0x00000000FFFFFFFFL};
        int[] s = {0, 1, 2, 4, 8, 16};
        long x = interleaved;
        long y = interleaved >>> 1;
        for (int i = 0; i < 6; i++) {
            x = (x | (x >>> s[i])) & b[i];
            y = (y | (y >>> s[i])) & b[i];
        }
        return x | (y << 32);
    }

    /** geohashEncode over the given ranges; null when outside Redis's limits. */
    static Bits encode(double longMin, double longMax, double latMin, double latMax, double longitude,
            double latitude, int step) {
        if (step > 32 || step == 0) {
            return null;
        }
        if (longitude > LONG_MAX || longitude < LONG_MIN || latitude > LAT_MAX || latitude < LAT_MIN) {
            return null;
        }
        if (latitude < latMin || latitude > latMax || longitude < longMin || longitude > longMax) {
            return null;
        }
        double latOffset = (latitude - latMin) / (latMax - latMin);
        double longOffset = (longitude - longMin) / (longMax - longMin);
        latOffset *= (double) (1L << step);
        longOffset *= (double) (1L << step);
        return new Bits(interleave64(((long) latOffset) & 0xFFFFFFFFL, ((long) longOffset) & 0xFFFFFFFFL), step);
    }

    /** geohashEncodeWGS84 over Redis's ranges. */
    static Bits encodeWgs84(double longitude, double latitude, int step) {
        return encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, longitude, latitude, step);
    }

    /** geohashDecode over Redis's ranges: the box the hash stands for; null for a zero hash. */
    static Area decode(Bits hash) {
        return decode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, hash);
    }

    private static Area decode(double longMin, double longMax, double latMin, double latMax, Bits hash) {
        if (hash.isZero()) {
            return null;
        }
        int step = hash.step();
        long sep = deinterleave64(hash.bits());
        double latScale = latMax - latMin;
        double longScale = longMax - longMin;
        long ilato = sep & 0xFFFFFFFFL;
        long ilono = sep >>> 32;
        double div = (double) (1L << step);
        return new Area(
                longMin + (ilono * 1.0 / div) * longScale,
                longMin + ((ilono + 1) * 1.0 / div) * longScale,
                latMin + (ilato * 1.0 / div) * latScale,
                latMin + ((ilato + 1) * 1.0 / div) * latScale);
    }

    /**
     * The longitude and latitude a stored score stands for (decodeGeohash:
     * the center of its 26-step box, clamped to the limits); null if the
     * score is no geohash.
     */
    static double[] decodeScore(double score) {
        Area area = decode(new Bits((long) score, STEP_MAX));
        if (area == null) {
            return null;
        }
        double x = (area.longMin() + area.longMax()) / 2;
        x = Math.min(Math.max(x, LONG_MIN), LONG_MAX);
        double y = (area.latMin() + area.latMax()) / 2;
        y = Math.min(Math.max(y, LAT_MIN), LAT_MAX);
        return new double[] {x, y};
    }

    /** The sorted-set score of a position: its 26-step geohash aligned to 52 bits. */
    static long score(double longitude, double latitude) {
        return align52(encodeWgs84(longitude, latitude, STEP_MAX));
    }

    static long align52(Bits hash) {
        return hash.bits() << (52 - hash.step() * 2);
    }

    private static Bits moveX(Bits hash, int d) {
        return move(hash, d, 0xaaaaaaaaaaaaaaaaL);
    }

    private static Bits moveY(Bits hash, int d) {
        return move(hash, d, 0x5555555555555555L);
    }

    /**
     * geohash_move_x / geohash_move_y: steps the coordinate whose interleaved
     * bits {@code mask} selects by {@code d} (-1, 0, 1) boxes, wrapping around.
     */
    private static Bits move(Bits hash, int d, long mask) {
        if (d == 0) {
            return hash;
        }
        long moved = hash.bits() & mask;
        long kept = hash.bits() & ~mask;
        long zz = ~mask >>> (64 - hash.step() * 2);
        if (d > 0) {
            moved = moved + (zz + 1);
        } else {
            moved = moved | zz;
            moved = moved - (zz + 1);
        }
        moved &= (mask >>> (64 - hash.step() * 2));
        return new Bits(moved | kept, hash.step());
    }

    /** geohashEstimateStepsByRadius. */
    static int estimateStepsByRadius(double rangeMeters, double lat) {
        if (rangeMeters == 0) {
            return 26;
        }
        int step = 1;
        while (rangeMeters < MERCATOR_MAX) {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) {
                step--;
            }
        }
        if (step < 1) {
            step = 1;
        }
        if (step > 26) {
            step = 26;
        }
        return step;
    }

    private static double degRad(double ang) {
        return ang * D_R;
    }

    private static double radDeg(double ang) {
        return ang / D_R;
    }

    /** geohashBoundingBox: min longitude, min latitude, max longitude, max latitude. */
    static double[] boundingBox(Shape shape) {
        double longitude = shape.longitude();
        double latitude = shape.latitude();
        double height = shape.conversion() * (shape.circle() ? shape.radius() : shape.height() / 2);
        double width = shape.conversion() * (shape.circle() ? shape.radius() : shape.width() / 2);
        double latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
        double longDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(latitude + latDelta)));
        double longDeltaBottom =
                radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(latitude - latDelta)));
        boolean southern = latitude < 0;
        return new double[] {
            southern ? longitude - longDeltaBottom : longitude - longDeltaTop,
            latitude - latDelta,
            southern ? longitude + longDeltaBottom : longitude + longDeltaTop,
            latitude + latDelta,
        };
    }

    /** geohashCalculateAreasByShapeWGS84: the boxes to search, center first, then N S E W NE NW SE SW. */
    static Radius areasByShape(Shape shape) {
        double[] bounds = boundingBox(shape);
        double minLon = bounds[0];
        double minLat = bounds[1];
        double maxLon = bounds[2];
        double maxLat = bounds[3];
        double longitude = shape.longitude();
        double latitude = shape.latitude();
        double radiusMeters = shape.circle() ? shape.radius()
                : Math.sqrt((shape.width() / 2) * (shape.width() / 2) + (shape.height() / 2) * (shape.height() / 2));
        radiusMeters *= shape.conversion();
        int steps = estimateStepsByRadius(radiusMeters, latitude);
        Bits hash = encodeOrZero(longitude, latitude, steps);
        Bits[] n = neighbours(hash);
        Area area = decode(hash);
        boolean decreaseStep = false;
        {
            Area north = decode(n[0]);
            Area south = decode(n[1]);
            Area east = decode(n[2]);
            Area west = decode(n[3]);
            if (north != null && north.latMax() < maxLat) {
                decreaseStep = true;
            }
            if (south != null && south.latMin() > minLat) {
                decreaseStep = true;
            }
            if (east != null && east.longMax() < maxLon) {
                decreaseStep = true;
            }
            if (west != null && west.longMin() > minLon) {
                decreaseStep = true;
            }
        }
        if (steps > 1 && decreaseStep) {
            steps--;
            hash = encodeOrZero(longitude, latitude, steps);
            n = neighbours(hash);
            area = decode(hash);
        }
        if (steps >= 2 && area != null) {
            if (area.latMin() < minLat) {
                n[1] = Bits.NONE; // south
                n[7] = Bits.NONE; // south west
                n[6] = Bits.NONE; // south east
            }
            if (area.latMax() > maxLat) {
                n[0] = Bits.NONE; // north
                n[4] = Bits.NONE; // north east
                n[5] = Bits.NONE; // north west
            }
            if (area.longMin() < minLon) {
                n[3] = Bits.NONE; // west
                n[7] = Bits.NONE;
                n[5] = Bits.NONE;
            }
            if (area.longMax() > maxLon) {
                n[2] = Bits.NONE; // east
                n[6] = Bits.NONE;
                n[4] = Bits.NONE;
            }
        }
        return new Radius(hash, area, n);
    }

    /** Encode as Redis does inside the search: a failed encode leaves a zero hash of that step. */
    private static Bits encodeOrZero(double longitude, double latitude, int step) {
        Bits b = encodeWgs84(longitude, latitude, step);
        return b == null ? new Bits(0, step) : b;
    }

    /** geohashNeighbors: north, south, east, west, north east, north west, south east, south west. */
    private static Bits[] neighbours(Bits hash) {
        return new Bits[] {
            moveY(moveX(hash, 0), 1),
            moveY(moveX(hash, 0), -1),
            moveY(moveX(hash, 1), 0),
            moveY(moveX(hash, -1), 0),
            moveY(moveX(hash, 1), 1),
            moveY(moveX(hash, -1), 1),
            moveY(moveX(hash, 1), -1),
            moveY(moveX(hash, -1), -1),
        };
    }

    /** Distance along a meridian (geohashGetLatDistance). */
    static double latDistance(double lat1d, double lat2d) {
        return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2d) - degRad(lat1d));
    }

    /** Haversine distance in metres (geohashGetDistance). */
    static double distance(double lon1d, double lat1d, double lon2d, double lat2d) {
        double lon1r = degRad(lon1d);
        double lon2r = degRad(lon2d);
        double v = Math.sin((lon2r - lon1r) / 2);
        if (v == 0.0) {
            return latDistance(lat1d, lat2d);
        }
        double lat1r = degRad(lat1d);
        double lat2r = degRad(lat2d);
        double u = Math.sin((lat2r - lat1r) / 2);
        double a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_IN_METERS * PreciseAsin.asin(Math.sqrt(a));
    }

    /**
     * The distance from the shape's center if {@code (x2, y2)} lies inside the
     * shape (geoWithinShape), else -1.
     */
    static double distanceIfWithin(Shape shape, double x2, double y2) {
        if (shape.circle()) {
            double d = distance(shape.longitude(), shape.latitude(), x2, y2);
            return d > shape.radius() * shape.conversion() ? -1 : d;
        }
        double widthM = shape.width() * shape.conversion();
        double heightM = shape.height() * shape.conversion();
        double latDistance = latDistance(y2, shape.latitude());
        if (latDistance > heightM / 2) {
            return -1;
        }
        double lonDistance = distance(x2, y2, shape.longitude(), y2);
        if (lonDistance > widthM / 2) {
            return -1;
        }
        return distance(shape.longitude(), shape.latitude(), x2, y2);
    }
}
