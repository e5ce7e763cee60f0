package dev.aioj.server;

/**
 * The full command table: every command family registers its commands here.
 * A reader looking for a command finds its family file by Redis's group
 * names: strings ({@link StringCommands}, {@link SetCommand}, {@link CounterCommands},
 * {@link LcsCommand}), bitmaps ({@link BitCommands}, {@link BitCountCommands}, {@link BitfieldCommand}), keys
 * ({@link KeyCommands}, {@link ExpireCommands}, {@link ScanCommands}, {@link CopyMoveCommands},
 * {@link SortCommand}), lists ({@link ListCommands}, {@link ListMoveCommands},
 * {@link BlockingListCommands}), hashes, sets, sorted sets ({@link SortedSetCommands},
 * {@link ZRangeCommands}, {@link BlockingSortedSetCommands}), HyperLogLog
 * ({@link HyperLogLogCommands}), streams ({@link StreamCommands}, {@link StreamReadCommands}, {@link
 * StreamGroupCommands}, {@link StreamClaimCommands}, {@link StreamInfoCommand}), geo ({@link GeoCommands}, {@link GeoSearchCommand}), pub/sub,
 * transactions, connection ({@link ConnectionCommands}, {@link
 * ClientCommand}) and server ({@link InfoCommand}, {@link ConfigCommand},
 * {@link CommandCommand}, {@link ServerCommands}) and scripting ({@link
 * ScriptCommands}, {@link FunctionCommands}).
 */
final class Commands {

    private Commands() {}

    static CommandTable table() {
        CommandTable.Builder t = new CommandTable.Builder();
        StringCommands.register(t);
        SetCommand.register(t);
        CounterCommands.register(t);
        LcsCommand.register(t);
        BitCommands.register(t);
        BitCountCommands.register(t);
        BitfieldCommand.register(t);
        KeyCommands.register(t);
        ExpireCommands.register(t);
        ScanCommands.register(t);
        CopyMoveCommands.register(t);
        SortCommand.register(t);
        ListCommands.register(t);
        ListMoveCommands.register(t);
        BlockingListCommands.register(t);
        HashCommands.register(t);
        SetCommands.register(t);
        SortedSetCommands.register(t);
        ZRangeCommands.register(t);
        BlockingSortedSetCommands.register(t);
        HyperLogLogCommands.register(t);
        GeoCommands.register(t);
        GeoSearchCommand.register(t);
        StreamCommands.register(t);
        StreamReadCommands.register(t);
        StreamGroupCommands.register(t);
        StreamClaimCommands.register(t);
        StreamInfoCommand.register(t);
        PubSubCommands.register(t);
        TransactionCommands.register(t);
        ConnectionCommands.register(t);
        ClientCommand.register(t);
        InfoCommand.register(t);
        ConfigCommand.register(t);
        CommandCommand.register(t);
        ServerCommands.register(t);
        PersistenceCommands.register(t);
        DumpCommands.register(t);
        MigrateCommand.register(t);
        ObjectCommand.register(t);
        DebugCommand.register(t);
        SlowlogCommand.register(t);
        LatencyCommand.register(t);
        MonitorCommand.register(t);
        ScriptCommands.register(t);
        FunctionCommands.register(t);
        return t.build();
    }
}
