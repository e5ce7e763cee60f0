package dev.aioj.examples.seed003;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Python's {@code time.ctime()}: {@code Tue Sep 18 14:29:23 2012}, the day padded with a space. */
final class Ctime {

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private Ctime() {}

    static String now() {
        return LocalDateTime.now().format(CTIME);
    }
}
