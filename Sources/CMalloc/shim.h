// glibc's allocator interface (malloc_trim), which Swift's Glibc module does not export.
#if defined(__linux__) && __has_include(<malloc.h>)
#include <malloc.h>
#endif
