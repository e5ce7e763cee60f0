package dev.aioj.server;

import java.nio.file.Path;

/**
 * What a directive's value may depend on besides its words: whether it comes
 * from a config file or from CONFIG SET (several {@code save} lines in a file
 * add up, at run time one replaces the rules), and the directory relative
 * paths start from, which a {@code dir} line changes for the lines after it
 * (redis-server changes its working directory there).
 *
 * <p>Thread contract: one load or one CONFIG SET at a time.
 */
final class ParseContext {

    private final boolean readingFile;
    private Path directory;
    private boolean saveSeen;

    private ParseContext(boolean readingFile, Path directory) {
        this.readingFile = readingFile;
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** Loading config text, relative paths starting from {@code directory}. */
    static ParseContext forFile(Path directory) {
        return new ParseContext(true, directory);
    }

    /** CONFIG SET (or a builder setter) on a server whose {@code dir} is {@code directory}. */
    static ParseContext forRuntime(Path directory) {
        return new ParseContext(false, directory);
    }

    boolean readingFile() {
        return readingFile;
    }

    /** Where relative paths start from now. */
    Path directory() {
        return directory;
    }

    /** {@code path} against {@link #directory()}. */
    Path resolve(String path) {
        return directory.resolve(path).normalize();
    }

    void changeDirectory(Path absolute) {
        this.directory = absolute;
    }

    /**
     * True the first time a file's {@code save} line is read: it replaces the
     * default rules, and later {@code save} lines add to it.
     */
    boolean firstSave() {
        boolean first = !saveSeen;
        saveSeen = true;
        return first;
    }
}
