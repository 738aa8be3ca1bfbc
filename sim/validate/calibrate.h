/* calibrate.h: a host's costs from the single-worker records of a session.
 *
 * measure.py and run_seed.py time work for which a platform file has one
 * property each: hashlib.sha256 over 64 MiB in the main thread is
 * cost.hashlib.sha256 times 64 Mi; an empty forked child is the three
 * process.fork.* costs; 200 one-millisecond sleeps are 200 times the sleep
 * plus sleep.overhead.  This module knows which record sets which property
 * and how (the table in calibrate.c), and writes a platform file with the
 * values it finds.  Only single-worker records set anything: what several
 * workers do together is left for the model to predict.
 *
 * Each rule inverts the simulator rather than a formula of its own: given
 * what the record measured and what gilsim predicted for it with the
 * property's present value, it moves the value by the difference, spread
 * over how many times the record pays it.  So the fitted platform predicts
 * its calibration records as measured, whatever else the model adds to
 * them.
 *
 * `gilsim validate` uses this for each session (see validate.h); `gilsim
 * calibrate` writes the fitted platform for a user's own machine.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include "platform/platform.h"
#include "runtime.h"

G_BEGIN_DECLS

typedef enum {
  GS_CALIBRATE_COSTS = 1,   /* native calls, processes, disks, sleeps, start-up */
  GS_CALIBRATE_IMPORTS = 2, /* the seed programs' imports: after the loop's
                               speed and the start-up are known */
} GsCalibrateStage;

typedef struct {
  char *element;   /* "prop" or "disk" */
  char *id;        /* the property's id, or the disk's */
  char *attr;      /* "value", "read_bw" or "write_bw" */
  GsDim dim;       /* GS_DIM_DURATION, GS_DIM_BANDWIDTH, or GS_DIM_STRING */
  double before;   /* base units; NAN where the host had no such property */
  double after;
  char *text;      /* GS_DIM_STRING's value */
  guint records;   /* how many records the value is the mean of */
  char *source;    /* one line: which record, and what it measured */
  double per_measured; /* how far `after` moves for each second more that the
                          record measured (its bootstrap, bootstrap.h); 0
                          where it is not drawn (the disks, merged fits) */
} GsFit;

void gs_calibrate_fit_free (GsFit *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsFit, gs_calibrate_fit_free)

/* A new fit of property ID of the host, for a value that is not taken
 * from a record by the table (python.loop, from the session's loop speed).
 * DIM is GS_DIM_DURATION or GS_DIM_STRING (then TEXT is the value).
 * Can't fail. */
GsFit *gs_calibrate_fit_new_prop (const char *id, GsDim dim, double before, double after,
                        const char *text, const char *source);

/* Appends to FITS (GsFit *) what record REC of a measure.py or run_seed.py
 * file says about HOST's costs in stage STAGE.  WHERE names the record in
 * sources ("FILE:LINE").  MEASURED_S is the record's expected time (the
 * mean of its runs); PREDICTED_S is gilsim's prediction of it on PLATFORM,
 * or NAN when the prediction failed because a property the record sets is
 * missing (then only rules that need no prediction apply).  Returns TRUE
 * when the record set a property: it is then a calibration record.  A
 * value that would come out zero or negative (a record faster than what
 * the model charges besides) sets nothing.  SESSION_RT is the runtime of
 * the session's workers, which python.version will name: an
 * interpreter_start record of another version sets that version's
 * python.startup.VERSION instead of python.startup (NULL: every one sets
 * python.startup).  Can't fail otherwise. */
gboolean gs_calibrate_record (JsonObject *rec, const char *where, double measured_s,
                              double predicted_s, const GsPlatform *platform,
                              const GsHost *host, GsCalibrateStage stage,
                              const GsRuntime *session_rt, GPtrArray *fits);

/* FITS with the fits of one property merged: their mean, the count in
 * `records`, the first source.  In the order each property first appears.
 * New array (of new fits). */
GPtrArray *gs_calibrate_merge (GPtrArray *fits);

/* The value AFTER of F as a platform file writes it ("31.2ns", "1620MBps",
 * "3.12").  New string. */
char *gs_calibrate_fit_value_text (const GsFit *f);

/* Returns TEXT, a platform file, with HOST_ID's properties and disks set
 * to the merged FITS (a <prop> added where the host had none) and, when
 * HEADER is not NULL, a comment before <platform> that starts with HEADER
 * and lists each fit with its source.  Returns NULL with ERROR
 * (GS_PLATFORM_ERROR_INVALID, naming PATH and the host's line) when an
 * element to change cannot be found in the text. */
char *gs_calibrate_apply (const char *text, const char *path, const GsHost *host,
                          GPtrArray *fits, const char *header, GError **error);

G_END_DECLS
