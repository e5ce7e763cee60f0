/**
 * aioj-core: asyncio for Java. The event loop ({@code dev.aioj.loop}), the
 * transport/protocol contracts ({@code dev.aioj.net}), streams ({@code
 * dev.aioj.stream}), TLS ({@code dev.aioj.tls}) and async files ({@code
 * dev.aioj.file}). No dependencies beyond the JDK; logging through {@link
 * System.Logger}.
 */
module dev.aioj.core {
    exports dev.aioj.loop;
    exports dev.aioj.net;
    exports dev.aioj.stream;
    exports dev.aioj.tls;
    exports dev.aioj.file;
    // Internal seams for one client each, not API: a caller's direct write for aioj-redis.
    exports dev.aioj.internal to dev.aioj.redis;
}
