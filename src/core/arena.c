/* arena.c - see arena.h. */
#include "config.h"

#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used; /* of data[] */
	alignas(max_align_t) unsigned char data[];
};

static size_t align_up(size_t n)
{
	size_t a = alignof(max_align_t);
	return (n + a - 1) & ~(a - 1);
}

static struct arena_chunk *chunk_new(size_t size)
{
	struct arena_chunk *c = xmalloc(sizeof *c + size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = align_up(n ? n : 1);
	struct arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		if (size < n) /* overflow in align_up */
			util_oom();
		c = chunk_new(size);
		c->next = a->head;
		a->head = c;
		a->bytes += size;
	}
	void *p = c->data + c->used;
	c->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head;
	if (!c)
		return;
	/* keep the oldest chunk (the first allocated, of the usual size) */
	while (c->next) {
		struct arena_chunk *next = c->next;
		a->bytes -= c->size;
		free(c);
		c = next;
	}
	if (c->size > ARENA_CHUNK) { /* one large text: do not hold it */
		a->bytes = 0;
		free(c);
		c = NULL;
	} else {
		c->used = 0;
	}
	a->head = c;
}

void arena_free(struct arena *a)
{
	for (struct arena_chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->bytes = 0;
}
