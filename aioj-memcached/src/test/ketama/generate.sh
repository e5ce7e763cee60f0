#!/usr/bin/env bash
# Regenerates the ketama reference lists (src/test/resources/dev/aioj/memcached/ketama/)
# with the real libmemcached. Needs a C compiler and libmemcached-dev (Debian:
# apt-get install libmemcached-dev); the tests themselves never need either.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../resources/dev/aioj/memcached/ketama"
bin="$(mktemp -d)/ketama_reference"
cc -O2 -o "$bin" "$here/ketama_reference.c" $(pkg-config --cflags --libs libmemcached)
mkdir -p "$out"
# The server lists KetamaTest and KetamaServersTest use: names on the default port
# (hashed without ":11211"), and loopback ports the real-memcached test may bind.
"$bin" "cache-a,cache-b" 3000                                      > "$out/cache-ab.tsv"
"$bin" "cache-a,cache-b,cache-c" 3000                              > "$out/cache-abc.tsv"
"$bin" "10.0.0.1:11211,10.0.0.2:11212,10.0.0.3:11213,10.0.0.4" 3000 > "$out/four-mixed.tsv"
for base in 41211 42311 43411; do
  "$bin" "127.0.0.1:$base,127.0.0.1:$((base + 1))" 2000                       > "$out/loopback-$base-2.tsv"
  "$bin" "127.0.0.1:$base,127.0.0.1:$((base + 1)),127.0.0.1:$((base + 2))" 2000 > "$out/loopback-$base-3.tsv"
done
echo "libmemcached $(pkg-config --modversion libmemcached): wrote $(ls "$out" | wc -l) files to $out"
