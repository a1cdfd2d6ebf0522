/* mdlimit.c: the limits Markdown meets before cmark-gfm parses it.
 *
 * Debian's cmark-gfm (0.29.0.gfm.6) takes quadratic time on some inputs:
 * thousands of container markers on one line (">>>>>..." or "- - - ...")
 * followed by many lines, and single paragraphs holding thousands of
 * unmatched emphasis or bracket delimiters.  Two limits keep every input
 * fast, each with a warning saying what was done:
 *
 *   MD_MAX_MARKERS  container markers (">", "-", "*", "+", "1." ...)
 *                   opening one line; the deeper ones are removed, so
 *                   their content joins the deepest kept container;
 *   MD_MAX_BLOCK    bytes in one block of lines without a blank line
 *                   (raw HTML blocks, which start with "<" and which
 *                   cmark-gfm reads in linear time, and tables, which it
 *                   reads a row at a time, are exempt; none of their
 *                   lines may be as long);
 *                   a longer block is written as preformatted text, as
 *                   it is: indented four spaces, it is a code block, which
 *                   cmark-gfm reads in linear time.  (Escaping its
 *                   punctuation instead costs a node per escape.) */
#include "mdlimit.h"

#include <ctype.h>
#include <string.h>

#include "diag.h"

/* The length of the container marker at s (">", "- ", "12. "), with the
 * blanks after it, or 0. */
static size_t
marker(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && p - s < 3 && *p == ' ')
		p++;
	if (p < end && *p == '>') {
		p++;
	} else if (p + 1 < end && (*p == '-' || *p == '*' || *p == '+') &&
	    (p[1] == ' ' || p[1] == '\t')) {
		p++;
	} else {
		const char *d = p;
		while (p < end && isdigit((unsigned char)*p) && p - d < 9)
			p++;
		if (p == d || p + 1 >= end || (*p != '.' && *p != ')') ||
		    (p[1] != ' ' && p[1] != '\t'))
			return 0;
		p++;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return (size_t)(p - s);
}

/* Whether the block at s is raw HTML: a tag opens its first line. */
static int
html_start(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s + 1 < end && s[0] == '<' && (isalpha((unsigned char)s[1]) ||
	    s[1] == '/' || s[1] == '!');
}

/* Whether the block at s is a GFM table: a row of cells, then the
 * delimiter row ("| --- | :-: |").  cmark-gfm reads a table row by row,
 * so only a single row may be too long. */
static int
table_start(const char *s, const char *end)
{
	const char *eol = memchr(s, '\n', (size_t)(end - s)), *p;
	int dash = 0;

	if (eol == NULL || memchr(s, '|', (size_t)(eol - s)) == NULL)
		return 0;
	for (p = eol + 1; p < end && *p != '\n'; p++) {
		if (*p == '-')
			dash = 1;
		else if (!strchr("|: \t\r", *p))
			return 0;
	}
	return dash;
}

static int
blank_line(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

static void
indent_block(struct buf *out, const char *s, const char *end)
{
	int bol = 1;

	for (; s < end; s++) {
		if (bol)
			buf_adds(out, "    ");
		buf_addc(out, *s);
		bol = *s == '\n';
	}
}

/* The text is copied only once a limit is met: most is not, and comes
 * back NULL.  done is how far md is in out, or waits to be. */
char *
md_limit(const char *md, size_t len, const char *src, int line0,
    size_t *outlen)
{
	struct buf out = {0};
	const char *s = md, *end = md + len, *block = md, *done = md;
	int line = line0, block_line = line0, changed = 0;
	size_t block_out = 0;     /* where the block begins in out */
	int warned_depth = 0, warned_block = 0;

	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *next = eol ? eol + 1 : end;
		const char *p = s;
		size_t depth = 0, m;

		if (blank_line(s, eol ? eol : end)) {
			block = next;
			block_line = line + 1;
			block_out = out.len + (size_t)(next - done);
			line++;
			s = next;
			continue;
		}
		/* the markers opening the line, past the limit, go */
		while ((m = marker(p, eol ? eol : end)) > 0) {
			if (++depth > MD_MAX_MARKERS)
				break;
			p += m;
		}
		if (depth > MD_MAX_MARKERS) {
			const char *q = p;
			while ((m = marker(q, eol ? eol : end)) > 0)
				q += m;
			if (!warned_depth++ && src != NULL)
				warnx_at(src, line, "blocks nested deeper than %d "
				    "levels are flattened", MD_MAX_MARKERS);
			buf_add(&out, done, (size_t)(p - done));
			done = q;
			changed = 1;
		} else if (((size_t)(next - block) > MD_MAX_BLOCK &&
		    !html_start(block, end) && !table_start(block, end)) ||
		    (size_t)(next - s) > MD_MAX_BLOCK) {
			/* the block is too long: from here to its end is text */
			const char *bend = next;
			while (bend < end) {
				const char *e2 = memchr(bend, '\n',
				    (size_t)(end - bend));
				if (blank_line(bend, e2 ? e2 : end))
					break;
				bend = e2 ? e2 + 1 : end;
			}
			if (!warned_block++ && src != NULL)
				warnx_at(src, block_line, "a paragraph longer than "
				    "%d KB is written as preformatted text",
				    MD_MAX_BLOCK / 1024);
			/* the block is written again from its start */
			buf_add(&out, done, (size_t)(s - done));
			out.len = block_out;
			indent_block(&out, block, bend);
			for (const char *c = s; c < bend; c++)
				line += *c == '\n';
			s = done = block = bend;
			block_line = line;
			block_out = out.len;
			changed = 1;
			continue;
		}
		line++;
		s = next;
	}
	if (!changed)
		return NULL;
	buf_add(&out, done, (size_t)(end - done));
	*outlen = out.len;
	return buf_steal(&out);
}
