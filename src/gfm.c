/* gfm.c: which of cmark-gfm's GFM extensions a text needs. */
#include "gfm.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/* Whether s (n bytes) holds seq. */
static int
has_seq(const char *s, size_t n, const char *seq)
{
	size_t k = strlen(seq);
	const char *end = s + n;

	while ((size_t)(end - s) >= k &&
	    (s = memchr(s, seq[0], (size_t)(end - s) - k + 1)) != NULL) {
		if (memcmp(s, seq, k) == 0)
			return 1;
		s++;
	}
	return 0;
}

unsigned
md_extensions(const char *text, size_t n)
{
	unsigned ext = MD_TASKLIST;

	/* a delimiter row has a pipe, or a colon beside its dashes (a
	 * table of one column: "Item" over ":--") */
	if (memchr(text, '|', n) != NULL || has_seq(text, n, ":-") ||
	    has_seq(text, n, "-:"))
		ext |= MD_TABLE;
	if (memchr(text, '~', n) != NULL)
		ext |= MD_STRIKETHROUGH;
	/* "http://", "www." as written; an address's @ after entities and
	 * escapes are undone (&#64; is one), so any & too */
	if (has_seq(text, n, "://") || has_seq(text, n, "www.") ||
	    memchr(text, '@', n) != NULL || memchr(text, '&', n) != NULL)
		ext |= MD_AUTOLINK;
	return ext;
}

/* Attaches the GFM extensions text can use.  One that cannot match costs
 * all the same: autolink alone took a quarter of cmark-gfm's parse,
 * stopping at every w and colon to look for "www." and "://", and the
 * table tries every line of a paragraph as a delimiter row.  Without
 * them the tree is the same (tests/spec.c compares).  Returns what it
 * attached, as md_extensions(). */
unsigned
md_attach(cmark_parser *p, const char *text, size_t n)
{
	static const char *names[] = {"table", "strikethrough", "autolink",
	    "tasklist"};
	unsigned ext = md_extensions(text, n);

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (ext & (1u << i))
			cmark_parser_attach_syntax_extension(p,
			    cmark_find_syntax_extension(names[i]));
	return ext;
}
