/* arena.h - a chunked bump allocator: many small allocations that all
 * die together (a page's blocks, spans and text), freed in one go.
 *
 * Memory comes in chunks of ARENA_CHUNK bytes (more for a larger
 * request); an allocation is never moved or freed alone. */
#ifndef IDM_ARENA_H
#define IDM_ARENA_H

#include <stddef.h>

#define ARENA_CHUNK (64 * 1024)

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* the chunk being filled; older ones follow */
	size_t bytes;             /* bytes held in all chunks, for the curious */
};

/* n bytes, aligned for any type; never NULL (util_oom on failure). */
void *arena_alloc(struct arena *a, size_t n);
/* A copy of s (NULL for NULL). */
char *arena_strdup(struct arena *a, const char *s);
/* A copy of the n bytes at s, NUL-terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Forgets every allocation but keeps the first chunk for reuse: a sink
 * that drops what it has written (--dump) then runs in one chunk. */
void arena_reset(struct arena *a);
/* Frees every chunk; the arena is then empty and may be used again. */
void arena_free(struct arena *a);

#endif
