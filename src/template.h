/* template.h: the page skeletons in templates/ and the stylesheet.
 *
 * A template is an XHTML file.  Three attributes mark where hbook writes:
 *   data-hbook="F"       the element's content becomes field F; without F,
 *                        the element goes;
 *   data-hbook-slot="F"  the element is replaced by field F's content
 *                        (moved there: a slot is filled once);
 *   data-hbook-if="F"    the element stays only when field F has content.
 * The files are built into hbook; --templates DIR and --css FILE override
 * them. */
#ifndef HBOOK_TEMPLATE_H
#define HBOOK_TEMPLATE_H

#include <stddef.h>
#include <libxml/tree.h>

struct field {
	const char *name;
	xmlNode *content;        /* its children are the content; NULL: none */
};

struct input;

/* Loads templates/NAME from dir (read through in), or the built-in copy
 * when dir is NULL or has none.  A template of the user's is made as safe
 * as content: no script, event attribute, form or remote resource, its
 * style through css_clean(), with a warning.  Returns the document (the
 * caller frees it) or NULL after an error. */
xmlDoc *template_load(struct input *in, const char *dir, const char *name);

/* Releases the templates template_load() keeps. */
void template_free(void);

/* Fills the marked elements of doc from fields. */
void template_fill(xmlDoc *doc, const struct field *fields, size_t n);

/* The stylesheet: css_file (through css_clean()), or the built-in
 * styles/book.css.  Returns 0, or -1 after an error. */
int stylesheet_load(struct input *in, const char *css_file, char **data,
    size_t *len);

/* A built-in file by its path in the source tree ("templates/x.xhtml"). */
const unsigned char *embedded_get(const char *path, size_t *len);

#endif
