/* stackpool.h: SimGrid's actor stacks, kept and reused instead of mapped and
 * unmapped one by one.
 *
 * With `contexts/guard-size:0` SimGrid takes each actor's stack with
 * calloc (STACK bytes) and gives it back with free.  A stack is larger than
 * glibc's mmap threshold (engine.c keeps it so: a fresh stack then costs
 * only the pages it touches), so each actor's start was an mmap and its end
 * a munmap with its TLB flush: on a virtual machine about a third of what
 * a short thread costs gilsim.  This module answers those two calls itself:
 * it reserves one range of address space (no memory until touched), hands
 * out stacks from it in order, and keeps the stacks of ended actors on a
 * list to hand out again, most recently freed first (its pages are the
 * ones still resident).  A thread still costs the pages its stack touches;
 * a stack that ended is not given back to the kernel before the process
 * exits.
 *
 * It works by defining calloc and free in the program: a call from SimGrid
 * (the caller's address lies in libsimgrid) for exactly STACK bytes takes
 * a stack from the pool, a free of a pool address returns it there, and
 * every other call goes to glibc (__libc_calloc, __libc_free) unchanged.
 * A reused stack is not zeroed: an actor's stack is written before it is
 * read.  The pool is left out of builds with AddressSanitizer (which
 * defines calloc and free itself) and when GILSIM_STACK_POOL=0 is set;
 * both ways the run is the same, the stacks only cost more to make. */
#pragma once

#include <stddef.h>

/* Starts the pool for stacks of STACK bytes (a multiple of the page size),
 * room for MAX of them; call once, before SimGrid creates an actor.  When
 * the address space cannot be reserved, or in a build or environment that
 * leaves the pool out, SimGrid's calls go to glibc as before.  Can't
 * fail. */
void gs_stackpool_init (size_t stack, size_t max);

/* Whether the pool answers SimGrid's stack calls in this process (for
 * tests and benchmarks).  Can't fail. */
int gs_stackpool_active (void);

/* How many stacks the pool has handed out so far: MADE fresh from its
 * range, REUSED from the stacks of ended actors (for tests and
 * benchmarks).  Can't fail. */
void gs_stackpool_counts (size_t *made, size_t *reused);
