/* assert-near.h: a test's check that a number is near the one it expects,
 * saying both when it is not. */
#pragma once

#include <math.h>
#include <glib.h>

/* Asserts |GOT - WANT| <= TOL, saying what differs. */
#define assert_near(got, want, tol)                                           \
  do {                                                                        \
    double got_ = (got), want_ = (want);                                      \
    if (fabs (got_ - want_) > (tol))                                          \
      g_test_message ("%s = %.6f, expected %.6f +- %g", #got, got_, want_,    \
                      (double) (tol));                                        \
    g_assert_cmpfloat (fabs (got_ - want_), <=, (tol));                       \
  } while (0)
