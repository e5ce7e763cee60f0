package dev.aioj.cli;

import java.io.Console;

/** Whether we talk to a person at a terminal (formatted output, line editing) or to a pipe (raw output). */
final class Terminals {

    private Terminals() {}

    /** True if standard input and output are a terminal. */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ always has a Console; isTerminal() tells whether it is a real one
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
