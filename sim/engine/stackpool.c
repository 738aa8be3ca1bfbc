/* stackpool.c: SimGrid's actor stacks from a reserved range, reused (see
 * stackpool.h). */
#define _GNU_SOURCE
#include "engine/stackpool.h"

#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <simgrid/actor.h>

#if defined(__SANITIZE_ADDRESS__)
#define GS_STACKPOOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define GS_STACKPOOL_OFF 1
#endif
#endif

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23   /* Linux 5.14; older kernels refuse it */
#endif

/* stacks made ready (read-write) at a time: one mprotect per CHUNK */
#define CHUNK 64

/* glibc's own allocator, under the names it exports for that purpose */
extern void *__libc_calloc (size_t n, size_t size);
extern void __libc_free (void *p);

static uintptr_t span;            /* the reserved range's size; 0: no pool */
static size_t n_made, n_reused;

/* the pool's state and set-up, left out of sanitized builds (below) */
#ifndef GS_STACKPOOL_OFF
static uintptr_t lo;              /* the reserved range's start */
static uintptr_t next, ready;     /* next fresh stack; end of the
                                     read-write part */
static size_t stack_bytes, page_bytes;
static void *free_list;           /* ended stacks, each linked through its
                                     last word (the top: always touched) */
static uintptr_t caller_lo, caller_hi;  /* libsimgrid's mapped range */

#define LINK(s) ((void **) ((char *) (s) + stack_bytes - sizeof (void *)))

static int
find_object (struct dl_phdr_info *info, size_t size, void *data)
{
  (void) size;
  const void *base = data;
  if ((const void *) info->dlpi_addr != base)
    return 0;
  uintptr_t a = UINTPTR_MAX, b = 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW (Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD)
      continue;
    uintptr_t s = info->dlpi_addr + ph->p_vaddr;
    if (s < a)
      a = s;
    if (s + ph->p_memsz > b)
      b = s + ph->p_memsz;
  }
  caller_lo = a;
  caller_hi = b;
  return 1;
}
#endif

void
gs_stackpool_init (size_t stack, size_t max)
{
#ifndef GS_STACKPOOL_OFF
  const char *env = getenv ("GILSIM_STACK_POOL");
  if (span != 0 || stack == 0 || max == 0 || (env && strcmp (env, "0") == 0))
    return;
  Dl_info info;
  if (!dladdr ((void *) &sg_actor_init, &info) || info.dli_fbase == NULL)
    return;
  dl_iterate_phdr (find_object, info.dli_fbase);
  if (caller_hi <= caller_lo)
    return;
  size_t bytes = stack * max;
  void *p = mmap (NULL, bytes, PROT_NONE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    return;
  stack_bytes = stack;
  page_bytes = (size_t) sysconf (_SC_PAGESIZE);
  lo = next = ready = (uintptr_t) p;
  span = bytes;
#else
  (void) stack;
  (void) max;
#endif
}

int
gs_stackpool_active (void)
{
  return span != 0;
}

void
gs_stackpool_counts (size_t *made, size_t *reused)
{
  *made = n_made;
  *reused = n_reused;
}

/* The pool's allocator, left out of sanitized builds: their runtime
 * defines calloc and free, and what it hands out must go back to it. */
#ifndef GS_STACKPOOL_OFF

/* A stack from the pool, or NULL when it is full. */
static void *
take (void)
{
  if (free_list) {
    void *s = free_list;
    free_list = *LINK (s);
    n_reused++;
    return s;
  }
  if (next == ready) {
    size_t grow = CHUNK * stack_bytes;
    if (ready - lo + grow > span)
      grow = (lo + span - ready) / stack_bytes * stack_bytes;
    if (grow == 0 || mprotect ((void *) ready, grow, PROT_READ | PROT_WRITE) != 0)
      return NULL;
    ready += grow;
  }
  void *s = (void *) next;
  next += stack_bytes;
  /* SimGrid writes the new context at the stack's top at once: that page
   * made ready in a call costs less than the page fault it spares */
  madvise ((char *) s + stack_bytes - page_bytes, page_bytes, MADV_POPULATE_WRITE);
  n_made++;
  return s;
}

void *
calloc (size_t n, size_t size)
{
  if (span != 0 && n * size == stack_bytes && (n == 1 || size == 1)) {
    uintptr_t from = (uintptr_t) __builtin_return_address (0);
    if (from >= caller_lo && from < caller_hi) {
      void *s = take ();
      if (s)
        return s;
    }
  }
  return __libc_calloc (n, size);
}

void
free (void *p)
{
  if ((uintptr_t) p - lo < span) {
    *LINK (p) = free_list;
    free_list = p;
    return;
  }
  __libc_free (p);
}
#endif
