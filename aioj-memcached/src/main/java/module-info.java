/**
 * aioj-memcached: the async memcached client on memcached's meta protocol
 * ({@code mg ms md ma mn}), with automatic pipelining, libmemcached-compatible
 * ketama hashing over several servers, and stampede protection. Built on
 * aioj-core, no other dependency; logging through {@link System.Logger}.
 */
module dev.aioj.memcached {
    requires dev.aioj.core;

    exports dev.aioj.memcached;
}
