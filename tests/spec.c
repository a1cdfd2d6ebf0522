/* spec.c: the Markdown spec suites against hbook's renderer.
 *
 *   spec [-o DIR] SPEC.txt... [FILE.md...]
 *
 * Every example of each spec file (CommonMark, GFM and its extensions,
 * cmark's regression cases) renders as a chapter, which must be
 * well-formed XHTML whose text equals the text of cmark-gfm's own HTML for
 * the example, whitespace collapsed: hbook may change markup, not words.
 * Two things are set aside on both sides because hbook writes them
 * differently on purpose: footnote back-links (an arrow each) and task-list
 * boxes (characters in hbook, <input> in cmark-gfm).  The examples where the
 * sanitiser removes text on purpose are listed below with the reason.
 * With -o, each example is also written to DIR as a Markdown article, so
 * the suite makes a book too.
 *
 * Each example, and each FILE.md given (a whole document), must also parse
 * to the same tree with the extensions hbook attaches for it as with all
 * four (md_attach()). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "diag.h"
#include "text.h"
#include "util.h"
#include "gfm.h"

int read_whole(const char *path, char **data, size_t *len);
char *render_fixture(const char *name, const char *md, size_t len,
    size_t *outlen);

/* Examples whose text hbook changes on purpose, by file and number. */
static const struct {
	const char *file;
	int number;
	const char *why;
} removed[] = {
	{"commonmark-spec-0.31.2.txt", 180,
	    "a processing instruction is not content in HTML: hbook writes "
	    "nothing (cmark-gfm's HTML, parsed back, shows part of it)"},
	{"gfm-spec.txt", 149,
	    "a processing instruction is not content in HTML: hbook writes "
	    "nothing"},
	{"commonmark-spec-0.31.2.txt", 628,
	    "a declaration is not content in HTML: hbook writes nothing"},
	{"gfm-spec.txt", 648,
	    "a declaration is not content in HTML: hbook writes nothing"},
	{"commonmark-spec-0.31.2.txt", 629,
	    "a CDATA section is not content in HTML: hbook writes nothing"},
	{"gfm-spec.txt", 649,
	    "a CDATA section is not content in HTML: hbook writes nothing"},
	{"commonmark-spec-0.31.2.txt", 182,
	    "a CDATA section is not content in HTML: hbook writes nothing"},
	{"gfm-spec.txt", 151,
	    "a CDATA section is not content in HTML: hbook writes nothing"},
	{"cmark-regression.txt", 26,
	    "a CDATA section is not content in HTML: hbook writes nothing"},
	{"gfm-spec.txt", 653,
	    "the tag filter's example: <title> and <style> go with their text"},
	{"gfm-extensions.txt", 22,
	    "the tag filter's example: <textarea> goes with its text"},
	{"cmark-regression.txt", 23,
	    "bytes that are not UTF-8 become U+FFFD: XML cannot hold them"},
};

static int
is_removed(const char *file, int number)
{
	for (size_t i = 0; i < sizeof(removed) / sizeof(*removed); i++)
		if (strcmp(path_base(file), removed[i].file) == 0 &&
		    removed[i].number == number)
			return 1;
	return 0;
}

/* Whitespace runs become one space; leading and trailing ones go. */
static char *
squash(const char *s)
{
	struct buf b = {0};
	int space = 0;

	buf_add(&b, "", 0);
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, *s);
	}
	return buf_steal(&b);
}

/* Whether n's class attribute holds the word cls. */
static int
has_class(xmlNode *n, const char *cls)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "class");
	size_t len = strlen(cls);
	int yes = 0;

	for (const char *p = (const char *)v; p != NULL && *p && !yes;) {
		size_t w = strcspn(p, " ");
		yes = w == len && strncmp(p, cls, len) == 0;
		p += w;
		p += strspn(p, " ");
	}
	xmlFree(v);
	return yes;
}

/* Removes what both renderers write differently on purpose. */
static void
strip(xmlNode *n)
{
	xmlNode *next;

	for (; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (has_class(n, "footnote-backref") || has_class(n, "backlink") ||
		    has_class(n, "task")) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			continue;
		}
		strip(n->children);
	}
}

static xmlNode *
find_body(xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		xmlNode *b;
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, BAD_CAST "body"))
			return n;
		if ((b = find_body(n->children)) != NULL)
			return b;
	}
	return NULL;
}

static char *
body_text(xmlDoc *doc)
{
	xmlNode *body = doc ? find_body(xmlDocGetRootElement(doc)) : NULL;
	xmlChar *t;
	char *s;

	if (body == NULL)
		return xstrdup("");
	strip(body->children);
	t = xmlNodeGetContent(body);
	s = squash(t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

/* A parser with every GFM extension attached: cmark-gfm as GitHub uses
 * it, the reference both checks compare with. */
static cmark_parser *
parser_all(int opts)
{
	static const char *exts[] = {"table", "strikethrough", "autolink",
	    "tasklist"};
	cmark_parser *p;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(opts);
	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	return p;
}

static char *
cmark_text(const char *md, size_t len)
{
	cmark_parser *p = parser_all(CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE);
	cmark_node *doc;
	char *html, *text;
	xmlDoc *hdoc;

	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	html = cmark_render_html(doc, CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE,
	    cmark_parser_get_syntax_extensions(p));
	hdoc = htmlReadMemory(html, (int)strlen(html), "cmark.html", "utf-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	text = body_text(hdoc);
	xmlFreeDoc(hdoc);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return text;
}

static int passed, failed, skipped, trees;

/* The tree cmark-gfm makes of md, as XML with source positions, text runs
 * joined as hbook joins them: with every GFM extension attached, or with
 * those md_attach() picks for md. */
static char *
cmark_tree(const char *md, size_t len, int all, int opts)
{
	int o = CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS | opts;
	cmark_parser *p = all ? parser_all(o) : cmark_parser_new(o);
	cmark_node *doc;
	char *xml;

	if (!all)
		md_attach(p, md, len);
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	cmark_consolidate_text_nodes(doc);
	xml = cmark_render_xml(doc, CMARK_OPT_SOURCEPOS);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return xml;
}

/* hbook attaches only the extensions md can use (md_attach()): the tree
 * must be the one all four make, with and without smart punctuation. */
static void
same_tree(const char *name, const char *md, size_t len)
{
	for (int smart = 0; smart < 2; smart++) {
		int opts = smart ? CMARK_OPT_SMART : 0;
		char *want = cmark_tree(md, len, 1, opts);
		char *got = cmark_tree(md, len, 0, opts);

		if (strcmp(want, got) == 0) {
			trees++;
		} else {
			printf("not ok spec: %s: the extensions md_attach() "
			    "picks (%#x) parse it differently%s\n  want: %s\n"
			    "  got:  %s\n", name, md_extensions(md, len),
			    smart ? " (smart)" : "", want, got);
			failed++;
		}
		free(want);
		free(got);
	}
}

static void
example(const char *file, int number, const char *md, size_t len,
    const char *outdir)
{
	char name[64], *xhtml, *want, *got;
	size_t xlen;
	xmlDoc *doc;

	snprintf(name, sizeof(name), "%s#%d", path_base(file), number);
	xhtml = render_fixture(name, md, len, &xlen);
	doc = xmlReadMemory(xhtml, (int)xlen, name, "utf-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		printf("not ok spec: %s: not well-formed XHTML\n", name);
		failed++;
		free(xhtml);
		return;
	}
	same_tree(name, md, len);
	got = body_text(doc);
	want = cmark_text(md, len);
	if (strcmp(got, want) == 0) {
		passed++;
	} else if (is_removed(file, number)) {
		skipped++;
	} else {
		printf("not ok spec: %s: text differs\n  want: %s\n  got:  %s\n",
		    name, want, got);
		failed++;
	}
	if (outdir != NULL) {
		char *stem = file_stem(file);
		char *path = xasprintf("%s/%s-%04d.md", outdir, stem, number);
		FILE *f = fopen(path, "wb");
		if (f != NULL) {
			fprintf(f, "---\ntitle: \"%s, example %d\"\n---\n\n",
			    stem, number);
			fwrite(md, 1, len, f);
			fclose(f);
		}
		free(path);
		free(stem);
	}
	free(got);
	free(want);
	xmlFreeDoc(doc);
	free(xhtml);
}

static void
spec_file(const char *file, const char *outdir)
{
	char *text, *line, *next;
	size_t len;
	struct buf md = {0};
	int state = 0, number = 0;   /* 0 prose, 1 markdown, 2 html */

	if (read_whole(file, &text, &len) < 0) {
		printf("not ok spec: %s: cannot read\n", file);
		failed++;
		return;
	}
	for (line = text; line != NULL && *line; line = next) {
		size_t n;
		next = strchr(line, '\n');
		n = next ? (size_t)(next - line) : strlen(line);
		if (next)
			next++;
		if (state == 0 && n >= 40 &&
		    strncmp(line, "```````````````````````````````` example", 40) == 0) {
			state = 1;
			md.len = 0;
			buf_add(&md, "", 0);
			number++;
		} else if (state == 1 && n == 1 && line[0] == '.') {
			state = 2;
		} else if (state == 1) {
			/* the spec writes tabs as U+2192 */
			for (size_t i = 0; i < n; i++) {
				if (i + 2 < n && memcmp(line + i, "\xE2\x86\x92", 3) == 0) {
					buf_addc(&md, '\t');
					i += 2;
				} else {
					buf_addc(&md, line[i]);
				}
			}
			buf_addc(&md, '\n');
		} else if (state == 2 && n >= 32 &&
		    strncmp(line, "````````````````````````````````", 32) == 0) {
			example(file, number, md.data, md.len, outdir);
			state = 0;
		}
	}
	buf_free(&md);
	free(text);
}

int
main(int argc, char *argv[])
{
	const char *outdir = NULL;
	int i = 1;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		outdir = argv[2];
		i = 3;
	}
	diag_setup(1, 0);
	for (; i < argc; i++) {
		size_t n = strlen(argv[i]);
		char *md;
		size_t len;

		if (n < 3 || strcmp(argv[i] + n - 3, ".md") != 0) {
			spec_file(argv[i], outdir);
		} else if (read_whole(argv[i], &md, &len) == 0) {
			same_tree(argv[i], md, len);
			free(md);
		} else {
			printf("not ok spec: %s: cannot read\n", argv[i]);
			failed++;
		}
	}
	if (passed + skipped > 0)
		printf("%s spec: %d examples match cmark-gfm's text, %d set "
		    "aside on purpose\n", failed ? "not ok" : "ok", passed,
		    skipped);
	printf("%s spec: %d parses the same with the extensions hbook "
	    "picks as with all four\n", failed ? "not ok" : "ok", trees);
	return failed ? 1 : 0;
}
