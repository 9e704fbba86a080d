// A per-thread region allocator for cmark-gfm's parse trees (issue 12: the 20x build spent a quarter
// of its time in malloc, most of it cmark-gfm's calloc for each node and the copy behind each
// cmark_node_get_literal, each costing more as the heap grows).
//
// cmark-gfm takes an allocator as a `cmark_mem` (three functions, no context pointer:
// cmark-gfm.h, `cmark_parser_new_with_mem`), so the region is the calling thread's: between
// `diglot_region_begin` and `diglot_region_end` on one thread, `diglot_region_calloc` and
// `diglot_region_realloc` hand out memory from that thread's chunks (16-byte aligned, zeroed by
// calloc), `diglot_region_free` does nothing, and `diglot_region_end` takes back everything handed
// out since the matching begin, at once. Regions nest (a begin inside a region marks a point in it).
// Every tree parsed with these functions must be dropped before its region ends, and touched only on
// the thread that began the region. On exhausted memory or an overflowing size it aborts, as
// cmark-gfm's own allocator does.
#ifndef DIGLOT_C_PARSE_REGION_H
#define DIGLOT_C_PARSE_REGION_H

#include <stddef.h>

/// A point in the calling thread's region, to go back to.
typedef struct {
    void *chunk;
    size_t used;
} diglot_region_mark;

/// Opens a region (or a nested one) on the calling thread.
diglot_region_mark diglot_region_begin(void);
/// Takes back everything allocated on this thread since `mark` was made by `diglot_region_begin`.
void diglot_region_end(diglot_region_mark mark);

void *diglot_region_calloc(size_t count, size_t size);
void *diglot_region_realloc(void *pointer, size_t size);
void diglot_region_free(void *pointer);

/// Bytes the calling thread holds in chunks (in use or kept for the next region), for tests.
size_t diglot_region_held(void);

#endif
