/**
 * aioj-core: asyncio for Java. The event loop ({@code dev.aioj.loop}) and the
 * transport/protocol contracts ({@code dev.aioj.net}). No dependencies beyond
 * the JDK; logging through {@link System.Logger}.
 */
module dev.aioj.core {
    exports dev.aioj.loop;
    exports dev.aioj.net;
}
