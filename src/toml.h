/* toml.h: TOML 1.0 (Hugo's, Zola's and mdBook's settings and +++ front
 * matter) into the document tree (tree.h), the same tree YAML makes.
 *
 * Debian packages no TOML library for C, so this is a complete reader of
 * its own, held to the TOML project's conformance suite (toml-test: every
 * 1.0 valid case decodes to its JSON, every invalid one is refused; see
 * tests/toml-test.py).  Scalars keep their TOML type (tree.h's ytype);
 * integers are written in decimal, date-times with "T" and "Z". */
#ifndef HBOOK_TOML_H
#define HBOOK_TOML_H

#include <stddef.h>

#include "tree.h"

/* Parses text, which must be UTF-8.  Returns the document (the caller
 * frees it with ydoc_free()), its root a mapping, or NULL with the line of
 * the error in *errline and a static message in *errmsg. */
struct ydoc *toml_parse(const char *text, size_t len, int *errline,
    const char **errmsg);

#endif
