// A per-thread region allocator for cmark-gfm's parse trees (issue 12: the 20x build spent a quarter
// of its time in malloc, most of it cmark-gfm's calloc for each node and the copy behind each
// cmark_node_get_literal, each costing more as the heap grows).
//
// cmark-gfm takes an allocator as a `cmark_mem` (three functions, no context pointer:
// cmark-gfm.h, `cmark_parser_new_with_mem`), so the region is the calling thread's: between
// `diglot_region_begin` and `diglot_region_end` on one thread, `diglot_region_calloc` and
// `diglot_region_realloc` hand out memory from that thread's chunks (16-byte aligned, zeroed by
// calloc), `diglot_region_free` takes back nothing of it, and `diglot_region_end` takes it all back
// at once. A region hands out at most `cap` bytes from its chunks: past that, memory comes from
// malloc, and `diglot_region_free` frees it, so that input which makes cmark-gfm allocate and free
// the same bytes over and over (it re-reads a paragraph for each line that looks like a table's
// delimiter row) holds no more than the cap plus what malloc would hold; `diglot_region_end` frees
// those blocks that are still allocated. One region at a time per thread. Every tree parsed with
// these functions must be dropped before its region ends, and touched only on the thread that began
// the region. On exhausted memory, an overflowing size, a second region on one thread or an
// allocation outside a region it aborts, as cmark-gfm's own allocator does on exhausted memory.
#ifndef DIGLOT_C_PARSE_REGION_H
#define DIGLOT_C_PARSE_REGION_H

#include <stddef.h>

/// Opens the calling thread's region, which hands out at most `cap` bytes from its chunks.
void diglot_region_begin(size_t cap);
/// Takes back everything allocated on this thread since `diglot_region_begin`.
void diglot_region_end(void);

void *diglot_region_calloc(size_t count, size_t size);
void *diglot_region_realloc(void *pointer, size_t size);
void diglot_region_free(void *pointer);

/// Bytes the calling thread holds in chunks (in use, or kept for the next region), for tests.
size_t diglot_region_held(void);
/// Bytes the calling thread's region holds in malloc'd blocks past its cap, for tests.
size_t diglot_region_overflow(void);

#endif
