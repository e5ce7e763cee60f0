package dev.aioj.cli;

import dev.aioj.server.ServerMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aioj} command: {@code demo}, {@code server}, {@code cli},
 * {@code bench}, {@code example}. The {@code ./aioj} launcher builds this
 * module's jar and runs it.
 */
@Command(name = "aioj", mixinStandardHelpOptions = true, versionProvider = Aioj.Version.class,
        description = "asyncio for Java: an event loop, a Redis client with automatic pipelining, and a "
                + "Redis-compatible server on the same loop.",
        subcommands = {DemoCommand.class, ServerCommand.class, CliCommand.class, BenchCommand.class,
                ExampleCommand.class, CommandLine.HelpCommand.class})
public final class Aioj implements Runnable {

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Aioj.class.getPackage().getImplementationVersion();
            return new String[] {"aioj " + (version != null ? version : "development build")
                    + " on Java " + Runtime.version()};
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code (tests call this
     * instead of main). {@code server}'s arguments are redis-server's
     * ({@code --save ""}, a config file, {@code -}): they go to {@link
     * ServerMain} as they are, past picocli.
     */
    static int run(String... args) {
        if (args.length > 0 && args[0].equals("server")) {
            return ServerMain.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        return new CommandLine(new Aioj()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
