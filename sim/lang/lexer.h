/* lexer.h: tokens of the scenario language.
 *
 * Line-oriented and indentation-based, like Python: the lexer emits NEWLINE
 * at the end of each logical line and INDENT/DEDENT when the indentation
 * changes.  Blank lines and comments (from '#' to the end of the line) are
 * skipped.  A number written with a unit ("5ms", "64MiB") is one token.
 * Every token carries its 1-based line and column.
 */
#pragma once

#include <glib.h>
#include "units.h"

G_BEGIN_DECLS

typedef enum {
  TOK_EOF,
  TOK_NEWLINE,
  TOK_INDENT,
  TOK_DEDENT,
  TOK_NAME,
  TOK_NUMBER,   /* num, dim (with unit applied) */
  TOK_STRING,   /* text, escapes resolved */
  TOK_OP,       /* text: + - * / // % ** ( ) , : = . == != < <= > >= */
} GsTokKind;

typedef struct {
  GsTokKind kind;
  char *text;     /* NAME, STRING, OP: owned; NUMBER: the source spelling */
  double num;
  GsDim dim;
  int line, col;
} GsToken;

#define GS_SCENARIO_ERROR (gs_scenario_error_quark ())
GQuark gs_scenario_error_quark (void);

typedef enum {
  GS_SCENARIO_ERROR_IO,
  GS_SCENARIO_ERROR_SYNTAX,
  GS_SCENARIO_ERROR_NAME,
  GS_SCENARIO_ERROR_VALUE,
  GS_SCENARIO_ERROR_RUNTIME,
} GsScenarioError;

/* Splits SOURCE (LEN bytes, not necessarily NUL-terminated) into tokens.
 * FILE names the source in messages.  Returns an array of GsToken ending
 * with TOK_EOF, or NULL with ERROR set to "FILE:LINE:COL: message" for
 * binary input, a bad character, an unterminated string, a number too large,
 * an unknown unit or inconsistent indentation. */
GArray *gs_lexer_lex (const char *file, const char *source, gsize len, GError **error);

/* Frees an array returned by gs_lexer_lex.  NULL is allowed. */
void gs_lexer_tokens_free (GArray *tokens);

/* A short description of token T for messages: "name 'foo'", "end of line". */
char *gs_lexer_token_describe (const GsToken *t);

G_END_DECLS
