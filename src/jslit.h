/* jslit.h: the plain literal fields of a JavaScript module's exported
 * object (docusaurus.config.js, sidebars.js) into the document tree
 * (tree.h).  The code is never run: objects, arrays, strings, numbers,
 * true, false and null are read; anything else (a call, a function, a
 * template with ${}, a variable, a spread) is a null value, or is
 * left out. */
#ifndef HBOOK_JSLIT_H
#define HBOOK_JSLIT_H

#include <stddef.h>

#include "tree.h"

/* Parses the object text exports (module.exports = ..., export default
 * ..., directly or through a const naming it).  Returns the document (the
 * caller frees it), or NULL with the line in *errline and a static message
 * in *errmsg when there is no such object or it is not readable. */
struct ydoc *jslit_parse(const char *text, size_t len, int *errline,
    const char **errmsg);

#endif
