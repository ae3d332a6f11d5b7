/* An LD_PRELOAD shim for test_thread_failures: while armed (glc_fail_pthread_create(1)),
 * pthread_create refuses with EAGAIN, as it does under a container's pids limit or when memory
 * for a stack runs out, and counts its refusals; disarmed, it calls the real pthread_create. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>

static atomic_int armed;
static atomic_int refusals;

void glc_fail_pthread_create(int on) { atomic_store(&armed, on); }
int glc_pthread_create_refusals(void) { return atomic_load(&refusals); }

int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*), void* arg) {
  typedef int (*create_fn)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);
  if (atomic_load(&armed)) {
    atomic_fetch_add(&refusals, 1);
    return EAGAIN;
  }
  static create_fn real;
  if (!real) real = (create_fn)dlsym(RTLD_NEXT, "pthread_create");
  return real ? real(thread, attr, start, arg) : ENOSYS;
}
