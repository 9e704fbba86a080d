// See include/CParseRegion.h. Chunks are malloc'd, each with a header; an allocation is a 16-byte
// header holding its size, then the bytes, rounded up to 16. `realloc` grows the last allocation of
// the current chunk in place and otherwise copies; the bytes it leaves behind come back at the
// region's end (cmark-gfm's buffers grow by half again each time, so at most about three times a
// buffer's final size is ever held for it).
#include "CParseRegion.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Under AddressSanitizer (the fuzz build), the bytes of a chunk not handed out, and each
// allocation's header, are poisoned: a read or write past an allocation's end is caught as it is
// with malloc.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DIGLOT_REGION_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define DIGLOT_REGION_ASAN 1
#endif
#ifdef DIGLOT_REGION_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

typedef struct chunk {
    struct chunk *previous;
    size_t capacity;  // bytes after the header
    size_t used;
    size_t padding;   // the header is 32 bytes, so the bytes after it keep malloc's 16-byte alignment
} chunk;

typedef struct {
    size_t size;
    size_t padding;
} allocation;

enum { standard_chunk = 256 * 1024, alignment = 16 };

typedef struct {
    chunk *current;
    chunk *spare;   // one standard chunk kept between regions, so a thread does not malloc one per page
    int depth;
} thread_region;

static _Thread_local thread_region state;
static pthread_key_t release_key;
static pthread_once_t release_once = PTHREAD_ONCE_INIT;

static void release_spare(void *unused) {
    (void)unused;
    free(state.spare);
    state.spare = NULL;
}

static void make_release_key(void) { pthread_key_create(&release_key, release_spare); }

static _Noreturn void fail(const char *why) {
    fprintf(stderr, "[diglot region] %s, aborting\n", why);
    abort();
}

static unsigned char *bytes_of(chunk *c) { return (unsigned char *)(c + 1); }

static size_t rounded(size_t size) { return (size + alignment - 1) & ~(size_t)(alignment - 1); }

static size_t size_of(allocation *a) {
    UNPOISON(a, sizeof(allocation));
    size_t size = a->size;
    POISON(a, sizeof(allocation));
    return size;
}

static void set_size(allocation *a, size_t size) {
    UNPOISON(a, sizeof(allocation));
    a->size = size;
    POISON(a, sizeof(allocation));
}

static chunk *new_chunk(size_t need) {
    if (state.spare && state.spare->capacity >= need) {
        chunk *c = state.spare;
        state.spare = NULL;
        c->used = 0;
        POISON(bytes_of(c), c->capacity);
        return c;
    }
    size_t capacity = need > standard_chunk ? need : standard_chunk;
    if (capacity > SIZE_MAX - sizeof(chunk)) fail("size overflow");
    chunk *c = malloc(sizeof(chunk) + capacity);
    if (!c) fail("malloc returned null pointer");
    if (capacity == standard_chunk) {
        // The thread's first chunk: its spare is freed when the thread ends.
        pthread_once(&release_once, make_release_key);
        pthread_setspecific(release_key, (void *)1);
    }
    c->capacity = capacity;
    c->used = 0;
    POISON(bytes_of(c), capacity);
    return c;
}

static void drop_chunk(chunk *c) {
    UNPOISON(bytes_of(c), c->capacity);  // malloc's own shadow rules again
    if (c->capacity == standard_chunk && !state.spare) state.spare = c;
    else free(c);
}

/// `size` bytes (a multiple of 16 after its header), from the current chunk or a new one.
static allocation *take(size_t size) {
    if (state.depth == 0) fail("allocation outside a region");
    if (size > SIZE_MAX / 2) fail("size overflow");
    size_t need = sizeof(allocation) + rounded(size);
    chunk *c = state.current;
    if (!c || c->capacity - c->used < need) {
        chunk *fresh = new_chunk(need);
        fresh->previous = c;
        state.current = c = fresh;
    }
    allocation *a = (allocation *)(bytes_of(c) + c->used);
    c->used += need;
    set_size(a, size);
    UNPOISON(a + 1, size);
    return a;
}

diglot_region_mark diglot_region_begin(void) {
    state.depth += 1;
    diglot_region_mark mark = {state.current, state.current ? state.current->used : 0};
    return mark;
}

void diglot_region_end(diglot_region_mark mark) {
    if (state.depth == 0) fail("region ended twice");
    while (state.current && state.current != (chunk *)mark.chunk) {
        chunk *c = state.current;
        state.current = c->previous;
        drop_chunk(c);
    }
    if (state.current) {
        POISON(bytes_of(state.current) + mark.used, state.current->used - mark.used);
        state.current->used = mark.used;
    }
    state.depth -= 1;
}

void *diglot_region_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) fail("size overflow");
    allocation *a = take(count * size);
    memset(a + 1, 0, count * size);
    return a + 1;
}

void *diglot_region_realloc(void *pointer, size_t size) {
    if (!pointer) return take(size) + 1;
    allocation *a = (allocation *)pointer - 1;
    size_t old_size = size_of(a);
    if (size <= old_size) return pointer;
    chunk *c = state.current;
    size_t old_need = sizeof(allocation) + rounded(old_size);
    if (size <= SIZE_MAX / 2 && c && (unsigned char *)a + old_need == bytes_of(c) + c->used) {
        // The chunk's last allocation: grown where it is, when the chunk has room.
        size_t new_need = sizeof(allocation) + rounded(size);
        if (new_need - old_need <= c->capacity - c->used) {
            c->used += new_need - old_need;
            set_size(a, size);
            UNPOISON(pointer, size);
            return pointer;
        }
    }
    allocation *moved = take(size);
    memcpy(moved + 1, pointer, old_size);
    return moved + 1;
}

void diglot_region_free(void *pointer) { (void)pointer; }

size_t diglot_region_held(void) {
    size_t held = state.spare ? state.spare->capacity : 0;
    for (chunk *c = state.current; c; c = c->previous) held += c->capacity;
    return held;
}
