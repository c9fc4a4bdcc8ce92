// Copyright 2026 The Pace authors. Licensed under Apache-2.0.
#include "pace_sys.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int pace_gunzip(const uint8_t *input, size_t input_length, uint8_t **out, size_t *out_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, 15 + 32) != Z_OK) return -1;  // 32: detect gzip or zlib header
    size_t capacity = input_length * 4 + 1024;
    uint8_t *buffer = malloc(capacity);
    if (!buffer) { inflateEnd(&stream); return -1; }
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)input_length;
    size_t produced = 0;
    int result = Z_OK;
    while (result != Z_STREAM_END) {
        if (produced == capacity) {
            capacity *= 2;
            uint8_t *grown = realloc(buffer, capacity);
            if (!grown) { free(buffer); inflateEnd(&stream); return -1; }
            buffer = grown;
        }
        stream.next_out = buffer + produced;
        stream.avail_out = (uInt)(capacity - produced);
        result = inflate(&stream, Z_NO_FLUSH);
        produced = capacity - stream.avail_out;
        if (result == Z_STREAM_END) {
            // Concatenated gzip members: continue with the next one if input remains.
            if (stream.avail_in > 0) { inflateReset(&stream); result = Z_OK; continue; }
            break;
        }
        if (result != Z_OK) { free(buffer); inflateEnd(&stream); return -2; }
        if (stream.avail_in == 0 && stream.avail_out > 0) { free(buffer); inflateEnd(&stream); return -3; }
    }
    inflateEnd(&stream);
    *out = buffer;
    *out_length = produced;
    return 0;
}
