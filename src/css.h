/* css.h: a stylesheet (--css, or a template's <style>) made safe for the
 * book.  Debian packages no CSS library for C (libcroco is gone), so this
 * is a tokenizer of CSS Syntax Level 3's comments, strings and url()s,
 * enough to find what must go: @import (remote, or a file the book does
 * not hold), a url() that is remote or a script, expression() and
 * bindings.  A declaration holding one goes whole, with a warning. */
#ifndef HBOOK_CSS_H
#define HBOOK_CSS_H

#include <stddef.h>

/* The cleaned stylesheet (the caller frees it, *outlen its length).
 * Warnings name src. */
char *css_clean(const char *css, size_t len, const char *src, size_t *outlen);

/* Whether url may be fetched by a reader: remote (a scheme other than
 * data:image, or "//"), or a script. */
int url_unsafe(const char *url, size_t len);

#endif
