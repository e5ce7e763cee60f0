/*
 * Writes libmemcached's own key -> server mapping under weighted ketama
 * (MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED, weight 1 each: 160 points per server,
 * MD5), the reference KetamaTest checks dev.aioj.memcached.Ketama against.
 *
 * Usage: ketama_reference SERVER[,SERVER...] KEYS > file.tsv
 *   SERVER is host or host:port (libmemcached hashes "host" for port 11211,
 *   else "host:port"); KEYS is how many generated keys to map.
 * Output: a comment line with the servers, then "key<TAB>server index" lines.
 * Keys are "key:<n>", "user:<n>:profile" and, every 7th, a UTF-8 key
 * "ключ-<n>", so non-ASCII bytes are hashed too.
 *
 * Build and run: see README.md beside this file (needs libmemcached-dev).
 */
#include <libmemcached/memcached.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SERVER[,SERVER...] KEYS\n", argv[0]);
        return 2;
    }
    memcached_st *memc = memcached_create(NULL);
    char *servers = strdup(argv[1]);
    for (char *server = strtok(servers, ","); server != NULL; server = strtok(NULL, ",")) {
        char *colon = strrchr(server, ':');
        in_port_t port = 11211;
        if (colon != NULL) {
            *colon = '\0';
            port = (in_port_t) atoi(colon + 1);
        }
        if (memcached_server_add(memc, server, port) != MEMCACHED_SUCCESS) {
            fprintf(stderr, "cannot add %s:%u\n", server, port);
            return 1;
        }
    }
    if (memcached_behavior_set(memc, MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED, 1) != MEMCACHED_SUCCESS) {
        fprintf(stderr, "cannot set KETAMA_WEIGHTED\n");
        return 1;
    }
    printf("# servers: %s\n", argv[1]);
    int keys = atoi(argv[2]);
    char key[128];
    for (int n = 0; n < keys; n++) {
        switch (n % 7 == 6 ? 2 : n % 2) {
            case 0: snprintf(key, sizeof key, "key:%d", n); break;
            case 1: snprintf(key, sizeof key, "user:%d:profile", n); break;
            default: snprintf(key, sizeof key, "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87-%d", n); break;
        }
        uint32_t server = memcached_generate_hash(memc, key, strlen(key));
        printf("%s\t%u\n", key, server);
    }
    memcached_free(memc);
    free(servers);
    return 0;
}
