#if canImport(Glibc)
import CMalloc
#endif

/// Gives the memory a stage freed back to the system, between stages. glibc's allocator keeps freed
/// memory for reuse, in one arena per thread that allocated it, and returns it only from the top of
/// each heap; the parse stage's temporaries, freed on every core, leave whole pages free in the
/// middle, which the next stage's allocations (of other sizes) do not fill. `malloc_trim(0)` returns
/// every free page of every arena (glibc 2.8 and later; `malloc_trim(3)`). Elsewhere it does nothing.
///
/// After a stage that parsed or rendered fewer than `worthTrimming` pages (a one-page edit's), there
/// is too little to give back for the walk over every arena (about 2.6 % of an edit's `perf` samples,
/// counting the `madvise` calls under it).
enum FreedMemory {
    static let worthTrimming = 64

    /// `release()` after a stage that handled `pages` pages, when they are `worthTrimming` or more.
    static func release(afterPages pages: Int) {
        if pages >= worthTrimming { release() }
    }

    static func release() {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}
