/* reader.h: the text of a platform file being read, for the files of
 * sim/platform/ only.
 *
 * GMarkup reads the XML; the reader knows the text around it: where each
 * line starts, where each start tag and attribute is (GMarkup only knows
 * where a start tag ends), so that a message can point at the '<' of an
 * element or at the attribute at fault, and the messages themselves, one
 * line "PATH:LINE:COL: what is wrong; what to do".  It also checks what
 * SimGrid's lexer accepts outside the elements: the file as text, the
 * prolog (<?xml?>, <!DOCTYPE>), comments, and no text between elements.
 * checks.c checks the elements.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Larger platform files are refused. */
#define GS_READER_MAX_FILE_SIZE (16 * 1024 * 1024)

/* SimGrid's lexer insists on this DOCTYPE; see reader.c's prolog. */
#define GS_READER_DOCTYPE \
  "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">"

typedef struct {
  int line, col;        /* 1-based */
} GsReaderPos;

/* A start tag found by gs_reader_scan(), and its attributes. */
typedef struct {
  gsize name_off, name_len;
  GsReaderPos pos;
  guint first_attr, n_attrs;
  gsize raw_lt;         /* offset of a '<' inside an attribute value, or 0 */
  gsize raw_ref;        /* offset of a non-ASCII "&#...;" in one, or 0 */
} GsReaderTag;

typedef struct {
  gsize off, len;
  GsReaderPos pos;
} GsReaderAttr;

typedef struct {
  const char *path;
  const char *text;
  gsize len;
  GArray *line_starts;  /* gsize: offset of the first byte of each line */
  gsize memo_off;       /* the last position gs_reader_pos() computed, */
  guint memo_line;      /* so that scanning a long line stays linear */
  int memo_col;
  GArray *tags;         /* GsReaderTag, in document order */
  GArray *attrs;        /* GsReaderAttr */
  gboolean marks_ok;    /* the scan agrees with GMarkup so far */
  GArray *texts;        /* gsize: first non-blank byte of each text run */
  guint next_tag;
  GMarkupParseContext *ctx;

  const GsReaderTag *tag; /* marks of the current start tag, or NULL */
  GsReaderPos here;     /* where the current element starts */

  gboolean seen_doctype;
  gboolean seen_root;
  GsReaderPos root_pos;
  GPtrArray *scratch;   /* strings made for messages */
} GsReader;

/* Sets up RD for TEXT (LEN bytes) of the file PATH; both are borrowed for
 * RD's lifetime.  Can't fail. */
void gs_reader_init (GsReader *rd, const char *path, const char *text,
                     gsize len);

/* Frees what RD owns (not the text, not the parse context). */
void gs_reader_clear (GsReader *rd);

/* Checks that RD's text is a text file gilsim should parse: not too large,
 * no NUL byte, no byte-order mark, valid UTF-8, not blank.  Returns FALSE
 * with ERROR (GS_PLATFORM_ERROR_IO) set otherwise. */
gboolean gs_reader_check_text (GsReader *rd, GError **error);

/* Finds every start tag and attribute of RD's text (call once, after
 * gs_reader_check_text()).  Can't fail. */
void gs_reader_scan (GsReader *rd);

/* The line and column of byte OFF.  The bytes before OFF must be valid
 * UTF-8; columns count characters. */
GsReaderPos gs_reader_pos (GsReader *rd, gsize off);

/* The byte offset of GMarkup's current position. */
gsize gs_reader_markup_offset (const GsReader *rd);

/* Sets RD->here (and RD->tag when the scan agrees) for the element NAME
 * with attribute names NAMES that GMarkup has just reported. */
void gs_reader_locate (GsReader *rd, const char *name, const char **names);

/* The position of the Ith attribute of the current element (of the
 * element itself when unknown). */
GsReaderPos gs_reader_attr_pos (const GsReader *rd, guint i);

/* The position of the attribute NAME, among the current element's NAMES. */
GsReaderPos gs_reader_attr_pos_named (const GsReader *rd, const char **names,
                                      const char *name);

/* S as it may appear in a one-line message: control characters replaced
 * and long texts cut.  The result lives as long as RD. */
const char *gs_reader_show (GsReader *rd, const char *s);

/* Sets ERROR to GS_PLATFORM_ERROR_INVALID "PATH:LINE:COL: message" and
 * returns FALSE. */
gboolean gs_reader_fail (GsReader *rd, GsReaderPos pos, GError **error,
                         const char *fmt, ...) G_GNUC_PRINTF (4, 5);

/* Sets ERROR to GS_PLATFORM_ERROR_IO "PATH:1:1: message" and returns
 * FALSE. */
gboolean gs_reader_io_error (const char *path, GError **error,
                             const char *fmt, ...) G_GNUC_PRINTF (3, 4);

/* GMarkup's message MSG without its "Error on line N char M: " and with
 * plain quotes, on one line.  New string. */
char *gs_reader_reword_markup (const char *msg);

/* GMarkup's text and passthrough callbacks; DATA is the GsReader (or a
 * struct that starts with one).  They fail on any text between elements,
 * and on a prolog, a processing instruction or a CDATA section SimGrid
 * would reject. */
void gs_reader_on_text (GMarkupParseContext *ctx, const char *text,
                        gsize len, gpointer data, GError **error);
void gs_reader_on_passthrough (GMarkupParseContext *ctx, const char *text,
                               gsize len, gpointer data, GError **error);

G_END_DECLS
