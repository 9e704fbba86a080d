// See include/CParseRegion.h. Chunks are malloc'd, each with a header; an allocation is a 16-byte
// header (its size, and where it came from), then the bytes, rounded up to 16. `realloc` grows the
// last allocation of the current chunk in place and otherwise copies; the bytes it leaves behind
// come back at the region's end. Past the cap, an allocation is its own malloc'd block with a list
// link before its header, so that the region's end can free the blocks cmark-gfm did not.
#include "CParseRegion.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Under AddressSanitizer (the fuzz build), the bytes of a chunk not handed out, and each
// allocation's header in a chunk, are poisoned: a read or write past an allocation's end is caught
// as it is with malloc.
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

enum origin { in_chunk = 0x52454749, in_block = 0x424C4F43 };

typedef struct {
    size_t size;
    size_t origin;
} allocation;

/// Before the header of an allocation past the cap: the region's list of such blocks.
typedef struct block {
    struct block *next;
    struct block *previous;
} block;

_Static_assert(sizeof(chunk) % 16 == 0 && sizeof(allocation) == 16 && sizeof(block) % 16 == 0, "headers keep 16-byte alignment");

enum { standard_chunk = 256 * 1024, alignment = 16 };

typedef struct {
    chunk *current;
    chunk *spare;     // one standard chunk kept between regions, so a thread does not malloc one per page
    block *blocks;    // the allocations past the cap still allocated
    size_t handed;    // bytes handed out from chunks in this region
    size_t cap;
    size_t overflow;  // bytes in `blocks`
    int open;
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

/// An allocation's header, read with its poisoning lifted for the read.
static allocation header_of(void *pointer) {
    allocation *a = (allocation *)pointer - 1;
    UNPOISON(a, sizeof(allocation));
    allocation copy = *a;
    if (copy.origin == in_chunk) POISON(a, sizeof(allocation));
    if (copy.origin != in_chunk && copy.origin != in_block) fail("pointer not from a region");
    return copy;
}

static void set_header(allocation *a, size_t size, size_t origin) {
    UNPOISON(a, sizeof(allocation));
    a->size = size;
    a->origin = origin;
    if (origin == in_chunk) POISON(a, sizeof(allocation));
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
        // The spare is freed when the thread ends.
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

/// Puts a malloc'd block of `size` bytes at the head of the region's list; its bytes.
static void *link_block(block *b, size_t size) {
    if (!b) fail("malloc returned null pointer");
    b->previous = NULL;
    b->next = state.blocks;
    if (b->next) b->next->previous = b;
    state.blocks = b;
    state.overflow += size;
    allocation *a = (allocation *)(b + 1);
    set_header(a, size, in_block);
    return a + 1;
}

/// An allocation past the cap: a malloc'd block on the region's list.
static void *take_block(size_t size) {
    if (size > SIZE_MAX - sizeof(block) - sizeof(allocation)) fail("size overflow");
    return link_block(malloc(sizeof(block) + sizeof(allocation) + size), size);
}

/// Takes a block of `size` bytes off the region's list.
static void unlink_block(block *b, size_t size) {
    if (b->previous) b->previous->next = b->next; else state.blocks = b->next;
    if (b->next) b->next->previous = b->previous;
    state.overflow -= size;
}

/// Whether `bytes` more fit under the region's cap.
static int within_cap(size_t bytes) { return state.handed <= state.cap && bytes <= state.cap - state.handed; }

/// `size` bytes, from the current chunk or a new one, or past the cap a block.
static void *take(size_t size) {
    if (!state.open) fail("allocation outside a region");
    if (size > SIZE_MAX / 2) fail("size overflow");
    size_t need = sizeof(allocation) + rounded(size);
    if (!within_cap(need)) return take_block(size);
    chunk *c = state.current;
    if (!c || c->capacity - c->used < need) {
        chunk *fresh = new_chunk(need);
        fresh->previous = c;
        state.current = c = fresh;
    }
    allocation *a = (allocation *)(bytes_of(c) + c->used);
    c->used += need;
    state.handed += need;
    set_header(a, size, in_chunk);
    UNPOISON(a + 1, size);
    return a + 1;
}

void diglot_region_begin(size_t cap) {
    if (state.open) fail("a second region on one thread");
    state.open = 1;
    state.cap = cap;
    state.handed = 0;
}

void diglot_region_end(void) {
    if (!state.open) fail("a region ended that was not begun");
    while (state.current) {
        chunk *c = state.current;
        state.current = c->previous;
        drop_chunk(c);
    }
    while (state.blocks) {
        block *b = state.blocks;
        state.blocks = b->next;
        free(b);
    }
    state.overflow = 0;
    state.handed = 0;
    state.open = 0;
}

void *diglot_region_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) fail("size overflow");
    void *pointer = take(count * size);
    memset(pointer, 0, count * size);
    return pointer;
}

void *diglot_region_realloc(void *pointer, size_t size) {
    if (!pointer) return take(size);
    if (!state.open) fail("allocation outside a region");
    allocation old = header_of(pointer);
    if (size <= old.size) return pointer;
    if (size > SIZE_MAX / 2) fail("size overflow");
    if (old.origin == in_block) {
        block *b = (block *)((allocation *)pointer - 1) - 1;
        unlink_block(b, old.size);
        return link_block(realloc(b, sizeof(block) + sizeof(allocation) + size), size);
    }
    chunk *c = state.current;
    size_t old_need = sizeof(allocation) + rounded(old.size);
    allocation *a = (allocation *)pointer - 1;
    if (c && (unsigned char *)a + old_need == bytes_of(c) + c->used) {
        // The chunk's last allocation: grown where it is, when the chunk has room and the cap allows.
        size_t grow = sizeof(allocation) + rounded(size) - old_need;
        if (grow <= c->capacity - c->used && within_cap(grow)) {
            c->used += grow;
            state.handed += grow;
            set_header(a, size, in_chunk);
            UNPOISON(pointer, size);
            return pointer;
        }
    }
    void *moved = take(size);
    memcpy(moved, pointer, old.size);
    return moved;
}

void diglot_region_free(void *pointer) {
    if (!pointer) return;
    if (!state.open) fail("free outside a region");
    allocation a = header_of(pointer);
    if (a.origin != in_block) return;  // a chunk's bytes come back at the region's end
    block *b = (block *)((allocation *)pointer - 1) - 1;
    unlink_block(b, a.size);
    free(b);
}

size_t diglot_region_held(void) {
    size_t held = state.spare ? state.spare->capacity : 0;
    for (chunk *c = state.current; c; c = c->previous) held += c->capacity;
    return held;
}

size_t diglot_region_overflow(void) { return state.overflow; }
