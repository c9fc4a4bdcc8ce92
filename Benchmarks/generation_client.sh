#!/usr/bin/env bash
# Measures Pace's generation client against the local fake OpenAI-compatible server (SwiftNIO HTTP/1.1, in the test target):
#   1. requests per second at concurrency 1, 8 and 64, streamed and not, against an instant server and one that
#      takes 50 ms per answer (every response cached with fdatasync);
#   2. peak RSS of `pace generate` serving 10 005 responses from its cache (pace-bench × 667, no server needed).
# Run from the repo root: bash Benchmarks/generation_client.sh
# Env: CONFIG=release|debug (default release), PACE_BENCH_REQUESTS=2000 (per concurrency level), WORK_DIR=<fresh temp dir>.
# Client and server share the machine (and its 2 cores here): the numbers are a floor for the client alone.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="${CONFIG:-release}"
WORK_DIR="${WORK_DIR:-$(mktemp -d /tmp/pace-generation-bench.XXXXXX)}"
mkdir -p "$WORK_DIR"
export PACE_BENCH=1 PACE_BENCH_CACHE="$WORK_DIR" PACE_BENCH_REQUESTS="${PACE_BENCH_REQUESTS:-2000}"
cd "$REPO_ROOT"

echo "== building ($CONFIG)" >&2
swift build -c "$CONFIG" --build-tests >&2
BIN="$(swift build -c "$CONFIG" --show-bin-path)"

echo "== throughput and cache fill" >&2
swift test -c "$CONFIG" --skip-build --filter GenerationClientBenchmark 2>&1 | tee "$WORK_DIR/bench.log" | grep '^BENCH' || {
    echo "benchmark failed; see $WORK_DIR/bench.log" >&2
    exit 1
}

echo "== peak RSS of pace generate with 10 005 cached responses" >&2
BASE_URL="$(cat "$WORK_DIR/base_url")"   # the server is gone: every answer must come from the cache
LINES="$(cat "$WORK_DIR"/cache/*.jsonl | wc -l)"
CACHE_BYTES="$(cat "$WORK_DIR"/cache/*.jsonl | wc -c)"
mkdir -p "$WORK_DIR/small-cache"   # the same cache file name, only the records of sample 0 (15 of them)
for f in "$WORK_DIR"/cache/*.jsonl; do grep '"sample_index":0,' "$f" > "$WORK_DIR/small-cache/$(basename "$f")"; done
measure() {   # measure NAME CACHE_DIR N: runs pace generate from the cache alone; prints peak RSS and wall time
    /usr/bin/time -f "%M %e" -o "$WORK_DIR/time.$1" "$BIN/pace" generate --dataset pace-bench --model fake-model \
        --base-url "$BASE_URL" --n "$3" --response-cache "$2" --output "$WORK_DIR/$1.jsonl" --quiet > "$WORK_DIR/$1.out"
    read -r rss wall < "$WORK_DIR/time.$1"
    records="$(cat "$2"/*.jsonl | wc -l)"
    echo "BENCH rss run=$1 samples=$(wc -l < "$WORK_DIR/$1.jsonl") cache_records=$records peak_rss_kib=$rss wall_s=$wall"
}
measure cached-15 "$WORK_DIR/small-cache" 1
measure cached-10005 "$WORK_DIR/cache" 667
echo "cache file: $LINES records, $CACHE_BYTES bytes" >&2
echo "work dir: $WORK_DIR" >&2
