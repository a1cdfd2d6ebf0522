/* markdown.c: Markdown to XHTML: the cmark-gfm tree walked with one switch
 * on node type, building libxml2 nodes. */
#include "markdown.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "diag.h"
#include "dom.h"
#include "generator.h"
#include "gfm.h"
#include "links.h"
#include "dialect.h"
#include "include.h"
#include "mdext.h"
#include "mdlimit.h"
#include "page.h"
#include "rawhtml.h"
#include "text.h"

/* The extensions' node types: exported by libcmark-gfm-extensions, but
 * their headers (table.h, strikethrough.h) are not installed. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW,
    CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;

static pthread_rwlock_t parse_lock = PTHREAD_RWLOCK_INITIALIZER;
static unsigned long long parse_ns;  /* chapters' md_parse() time, summed */

static unsigned long long
clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000u +
	    (unsigned long long)ts.tv_nsec;
}

double
md_parse_seconds(void)
{
	return (double)__atomic_load_n(&parse_ns, __ATOMIC_RELAXED) / 1e9;
}

static cmark_node *md_parse(const char *md, size_t len, struct page *pg,
    cmark_parser **pp, int top);

/* The MDX components (<Name ...>, a capital first) md uses outside code
 * that hbook does not render, into pg->unknown (page_unknown()). */
static void
mdx_components(struct page *pg, const char *md, size_t len)
{
	const char *p = md, *end = md + len;
	char fence = 0;
	int k = 0;

	for (; p < end; k++) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *q;
		const char *le = e ? e : end, *t = p;
		while (t < le && (*t == ' ' || *t == '\t'))
			t++;
		if ((t + 3 <= le) && (*t == '`' || *t == '~') && t[1] == *t &&
		    t[2] == *t)
			fence = fence ? 0 : *t;
		for (q = p; fence == 0 && q < le; q++) {
			const char *n;
			char *name;
			if (*q == '`') {          /* code spans */
				const char *c = memchr(q + 1, '`', (size_t)(le - q - 1));
				if (c == NULL)
					break;
				q = c;
				continue;
			}
			if (*q != '<' || q + 1 >= le || !isupper((unsigned char)q[1]))
				continue;
			for (n = q + 1; n < le && (isalnum((unsigned char)*n) ||
			    *n == '_' || *n == '.'); n++)
				;
			if (n < le && *n != ' ' && *n != '>' && *n != '/')
				continue;
			name = xstrndup(q + 1, (size_t)(n - q - 1));
			page_unknown(pg, UNKNOWN_MDX, name, page_line(pg, k));
			free(name);
		}
		p = e ? e + 1 : end;
	}
}

/* The section of Markdown text md under the heading named heading (any
 * case), to the next heading as high; NULL when there is none. */
static char *
section_of(const char *md, size_t len, const char *heading, size_t *outlen)
{
	const char *p = md, *end = md + len, *start = NULL;
	int level = 0;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *le = e ? e : end, *t = p;
		int h = 0;
		while (t < le && *t == '#' && h < 7)
			t++, h++;
		if (h > 0 && h < 7 && t < le && *t == ' ') {
			if (start != NULL && h <= level) {
				*outlen = (size_t)(p - start);
				return xstrndup(start, *outlen);
			}
			while (t < le && *t == ' ')
				t++;
			if (start == NULL && (size_t)(le - t) == strlen(heading) &&
			    strncasecmp(t, heading, (size_t)(le - t)) == 0) {
				start = e ? e + 1 : end;
				level = h;
			}
		}
		p = e ? e + 1 : end;
	}
	if (start == NULL)
		return NULL;
	*outlen = (size_t)(end - start);
	return xstrndup(start, *outlen);
}

/* Obsidian's ![[Note]] and ![[Note#Heading]]: the note's text, or that
 * heading's section, where it is embedded, in a box, as Obsidian shows
 * it; embeds in embeds four deep at most.  Pictures are left to the
 * renderer. */
static void
note_embeds(cmark_node *doc, struct page *pg)
{
	static const char *const pictures[] = {".png", ".jpg", ".jpeg", ".gif",
	    ".svg", ".webp", ".avif", ".bmp", ".pdf", ".mp4", ".mp3", NULL};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **v = NULL;
	size_t n = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *im = cmark_iter_get_node(it);
		const char *url;
		int picture = 0;
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(im) != CMARK_NODE_IMAGE ||
		    !str_starts(url = cmark_node_get_url(im), WIKILINK_SCHEME))
			continue;
		{
			char *low = xstrndup(url, strcspn(url, "#|"));
			for (char *c = low; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			for (int i = 0; pictures[i]; i++)
				picture |= str_ends(low, pictures[i]);
			free(low);
		}
		if (!picture) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = im;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		struct link lk;
		const char *url = cmark_node_get_url(v[i]);
		const char *hash = strchr(url, '#');
		cmark_node *para = cmark_node_parent(v[i]), *box, *sub, *k;
		cmark_parser *p;
		char *text = NULL;
		size_t len = 0;

		links_resolve(pg->links, pg->art, url, &lk);
		if (lk.target != NULL && lk.target->body != NULL && !lk.target->html) {
			if (hash != NULL && hash[1] != '\0' && hash[1] != '^')
				text = section_of(lk.target->body, lk.target->body_len,
				    hash + 1, &len);
			else if (hash == NULL || hash[1] == '\0')
				text = xstrndup(lk.target->body, len =
				    lk.target->body_len);
		}
		link_clear(&lk);
		if (text == NULL)
			continue;        /* stays a link (markdown.c) */
		pg->embedding++;
		sub = md_parse(text, len, pg, &p, 0);
		pg->embedding--;
		box = mdext_element(CMARK_NODE_CUSTOM_BLOCK, "div", "class",
		    "embed");
		while ((k = cmark_node_first_child(sub)) != NULL) {
			cmark_node_unlink(k);
			cmark_node_append_child(box, k);
		}
		cmark_node_free(sub);
		cmark_parser_free(p);
		free(text);
		if (para != NULL && cmark_node_get_type(para) ==
		    CMARK_NODE_PARAGRAPH && cmark_node_parent(para) != NULL) {
			cmark_node_insert_after(para, box);
			cmark_node_unlink(v[i]);
			cmark_node_free(v[i]);
		} else {
			cmark_node_free(box);
		}
	}
	free(v);
}

/* MDX has no indented code: what CommonMark reads as an indented code
 * block (a JSX element's indented content, most often) is Markdown. */
static void
mdx_unindent(cmark_node *doc, struct page *pg)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **code = NULL;
	size_t n = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		int len, off;
		char ch;
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(c) == CMARK_NODE_CODE_BLOCK &&
		    !cmark_node_get_fenced(c, &len, &off, &ch)) {
			code = xrealloc(code, (n + 1) * sizeof(*code));
			code[n++] = c;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		const char *lit = cmark_node_get_literal(code[i]);
		cmark_parser *p;
		cmark_node *sub = md_parse(lit, strlen(lit), pg, &p, 0), *k;

		while ((k = cmark_node_first_child(sub)) != NULL) {
			cmark_node_unlink(k);
			cmark_node_insert_before(code[i], k);
		}
		cmark_node_free(sub);
		cmark_parser_free(p);
		cmark_node_unlink(code[i]);
		cmark_node_free(code[i]);
	}
	free(code);
}

/* Parses md after its template syntax is done (generator.c) and within
 * the limits of mdlimit.c.  Warnings go to pg's file; pg may be NULL. */
static cmark_node *
md_parse(const char *md, size_t len, struct page *pg, cmark_parser **pp,
    int top)
{
	unsigned long long t0 = clock_ns();
	size_t glen, llen, ilen, dlen;
	int syntax = pg ? pg->syntax : SYNTAX_TEMPLATES;
	/* the files a page includes, in its own text only */
	char *included = top ? include_expand(pg, md, len, &ilen,
	    &pg->linemap) : NULL;
	char *dialects;

	if (included != NULL) {
		pg->nlinemap = 0;
		for (size_t i = 0; i < ilen; i++)
			pg->nlinemap += included[i] == '\n';
		md = included;
		len = ilen;
	}
	dialects = dialect_rewrite(md, len, (syntax & SYNTAX_MDX) != 0, &dlen);
	if (top && (syntax & SYNTAX_MDX))
		mdx_components(pg, dialects ? dialects : md, dialects ? dlen : len);
	char *expanded = generators_expand(dialects ? dialects : md,
	    dialects ? dlen : len, syntax, pg, pg ? pg->line0 : 0, &glen);
	char *limited = md_limit(expanded ? expanded : dialects ? dialects : md,
	    expanded ? glen : dialects ? dlen : len,
	    pg ? pg->src : NULL, pg ? pg->line0 : 0, &llen);
	int smart = pg ? pg->smart : 0;
	/* no CMARK_OPT_VALIDATE_UTF8: the text is UTF-8 already (read_text()
	 * repairs files, libyaml checks front matter), and what cmark-gfm
	 * makes of any other bytes, xml_clean() repairs */
	int opts = CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS |
	    (smart ? CMARK_OPT_SMART : 0);
	const char *text = limited ? limited : expanded ? expanded :
	    dialects ? dialects : md;
	size_t n = limited ? llen : expanded ? glen : dialects ? dlen : len;
	cmark_parser *p;
	cmark_node *doc;
	unsigned ext;
	int (*lock)(pthread_rwlock_t *);

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(opts);
	ext = md_attach(p, text, n);
	/* cmark-gfm switches the characters of the inline extensions (~ for
	 * strikethrough, : and w for autolinks) on and off in one table
	 * shared by every parser, around each parse of inlines, in
	 * cmark_parser_finish(); every parse reads it there, and feeding
	 * reads it for a table's rows (helgrind saw both).  Two parsers
	 * switching at once would switch them off under each other, and the
	 * book would differ from run to run.  So a parser with an inline
	 * extension holds parse_lock alone for those parts; the others,
	 * which only read the table, hold it together.  The rest of
	 * parsing, and rendering, serialising and deflating, run side by
	 * side. */
	lock = (ext & (MD_STRIKETHROUGH | MD_AUTOLINK)) != 0 ?
	    pthread_rwlock_wrlock : pthread_rwlock_rdlock;
	if (ext & MD_TABLE)
		lock(&parse_lock);
	/* cmark-gfm copies what it is fed */
	cmark_parser_feed(p, text, n);
	if (!(ext & MD_TABLE))
		lock(&parse_lock);
	doc = cmark_parser_finish(p);
	pthread_rwlock_unlock(&parse_lock);
	/* what autolink's pass does first, which the tree walk relies on
	 * when it is not attached: a run of text is one node */
	cmark_consolidate_text_nodes(doc);
	if (pg != NULL && pg->links != NULL && links_wikilinks(pg->links)) {
		mdext_wikilinks(doc);
		if (pg->embedding < 4)
			note_embeds(doc, pg);
	}
	if (syntax & SYNTAX_MDX)
		mdx_unindent(doc, pg);
	mdext_extensions(doc, text, n);
	free(limited);
	free(expanded);
	free(dialects);
	free(included);
	*pp = p;
	if (pg != NULL)           /* a chapter, not a title search */
		__atomic_add_fetch(&parse_ns, clock_ns() - t0, __ATOMIC_RELAXED);
	return doc;
}

void
md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* The plain text of a node's descendants: an image's alt, a heading's
 * label for the nav. */
static void
plain_text(cmark_node *node, struct buf *out)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	buf_add(out, "", 0);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			buf_adds(out, cmark_node_get_literal(n));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_addc(out, ' ');
	}
	cmark_iter_free(it);
}

static int
node_line(struct page *pg, cmark_node *n)
{
	for (; n != NULL; n = cmark_node_parent(n))
		if (cmark_node_get_start_line(n) > 0)
			return page_line(pg, cmark_node_get_start_line(n) - 1);
	return pg->line0;
}

/* Whether a paragraph is in a tight list: rendered without <p>. */
static int
in_tight_list(cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para), *list;

	if (item == NULL || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return 0;
	list = cmark_node_parent(item);
	return list != NULL && cmark_node_get_list_tight(list);
}

char *
markdown_first_h1(const char *md, size_t len)
{
	cmark_parser *p;
	cmark_node *doc, *n;

	/* a title comes first: a heading after 64 KB of text is not one,
	 * and a 100 MB article need not be parsed twice.  The cut is at the
	 * end of the line that crosses 64 KB, or at 64 KB itself (on a
	 * character's first byte) when that line runs on past 128 KB: one
	 * 1 MB line of markup. */
	if (len > 65536) {
		const char *nl = memchr(md + 65536, '\n',
		    len - 65536 < 65536 ? len - 65536 : 65536);
		len = nl ? (size_t)(nl - md) : 65536;
		while (len > 0 && ((unsigned char)md[len] & 0xC0) == 0x80)
			len--;
	}
	doc = md_parse(md, len, NULL, &p, 0);
	char *title = NULL;

	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		if (cmark_node_get_heading_level(n) == 1) {
			struct buf b = {0};
			plain_text(n, &b);
			title = xml_clean(str_trim(b.data),
			    strlen(str_trim(b.data)));
			buf_free(&b);
			if (title[0] == '\0') {
				free(title);
				title = NULL;
			}
		}
		break;
	}
	mdext_free(doc);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return title;
}

/* One entry of the walker's stack: where to continue when the node's
 * exit event comes. */
struct frame {
	xmlNode *saved;          /* insertion point before the node */
	xmlNode *base;           /* limit for raw HTML end tags inside it */
	int made;                /* it created an element */
};

struct walk {
	struct page *pg;
	cmark_parser *parser;
	xmlNode *cur;
	struct frame *stack;
	size_t depth, cap;
	size_t created;          /* elements the stack created: the nesting */
	cmark_node *dropped;     /* the heading that is the title */
	struct buf text;         /* text waiting to become one node */
	xmlNode *note;           /* the footnote being written */
};

/* Line breaks after block tags keep the XHTML readable (and fixtures
 * reviewable): inter-element whitespace, allowed wherever blocks are. */
static int
is_block(const xmlNode *el, int opening)
{
	/* after opening: blockquote, ul, ol, table, thead, tbody, tr and
	 * aside; after closing, those and p, h1-h6, li, th, td, pre and div
	 * (a switch: most elements met here are inline, and said no to
	 * twenty strcmp() calls) */
	const char *n = (const char *)el->name;

	switch (n[0]) {
	case 'a':
		return strcmp(n, "aside") == 0;
	case 'b':
		return strcmp(n, "blockquote") == 0;
	case 'o':
	case 'u':
		return n[1] == 'l' && n[2] == '\0';
	case 't':
		if (strcmp(n, "table") == 0 || strcmp(n, "thead") == 0 ||
		    strcmp(n, "tbody") == 0 || strcmp(n, "tr") == 0)
			return 1;
		return !opening && (strcmp(n, "th") == 0 || strcmp(n, "td") == 0);
	case 'd':
		return !opening && strcmp(n, "div") == 0;
	case 'h':
		return !opening && n[1] >= '1' && n[1] <= '6' && n[2] == '\0';
	case 'l':
		return !opening && strcmp(n, "li") == 0;
	case 'p':
		return !opening && (n[1] == '\0' || strcmp(n, "pre") == 0);
	default:
		return 0;
	}
}

static void
push(struct walk *w, xmlNode *el)
{
	if (w->depth == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 32;
		w->stack = xrealloc(w->stack, w->cap * sizeof(*w->stack));
	}
	w->stack[w->depth].saved = w->cur;
	if (el != NULL && w->created >= MD_MAX_DEPTH) {
		/* too deep: the content joins its ancestor */
		if (!w->pg->deep_warned++)
			warnx_at(w->pg->src, 0, "blocks nested deeper than %d "
			    "levels are flattened", MD_MAX_DEPTH);
		while (el->children != NULL) {
			xmlNode *k = el->children;
			xmlUnlinkNode(k);
			xmlAddChild(w->cur, k);
		}
		xmlFreeNode(el);
		el = NULL;
	}
	if (el != NULL) {
		xmlAddChild(w->cur, el);
		w->cur = el;
		w->created++;
		if (is_block(el, 1))
			append_text(el, "\n", 1);
	}
	w->stack[w->depth].base = w->cur;
	w->stack[w->depth].made = el != NULL;
	w->depth++;
}

static void
pop(struct walk *w)
{
	if (w->depth == 0)
		return;
	w->depth--;
	if (w->stack[w->depth].made) {
		w->created--;
		if (is_block(w->cur, 0) && w->cur->parent != NULL)
			append_text(w->cur->parent, "\n", 1);
	}
	w->cur = w->stack[w->depth].saved;
}

static xmlNode *
base_of(struct walk *w)
{
	return w->depth ? w->stack[w->depth - 1].base : w->cur;
}

static xmlNode *
table_section(xmlNode *table, const char *name)
{
	xmlNode *last = xmlGetLastChild(table);

	xmlNode *sec;

	while (last != NULL && last->type == XML_TEXT_NODE)
		last = last->prev;
	if (last != NULL && xmlStrEqual(last->name, BAD_CAST name))
		return last;
	sec = el_new(table, name);
	append_text(sec, "\n", 1);
	return sec;
}

static void
render_heading(struct walk *w, cmark_node *n)
{
	struct buf text = {0};
	char name[3] = "h1", *id;
	xmlNode *h;

	/* the level is settled later, by headings_normalize() */
	plain_text(n, &text);
	name[1] = (char)('0' + cmark_node_get_heading_level(n));
	h = xmlNewNode(NULL, BAD_CAST name);
	/* an id the site gave it: "## Title {#id}" (attribute lists) */
	id = page_id(w->pg, cmark_node_get_user_data(n) ?
	    (const char *)cmark_node_get_user_data(n) : str_trim(text.data));
	free(cmark_node_get_user_data(n));
	cmark_node_set_user_data(n, NULL);
	xmlSetProp(h, BAD_CAST "id", BAD_CAST id);
	free(id);
	buf_free(&text);
	push(w, h);
}

static void
render_image(struct walk *w, cmark_node *n)
{
	struct buf alt = {0};
	const char *title = cmark_node_get_title(n);
	char *src = page_picture(w->pg, cmark_node_get_url(n),
	    node_line(w->pg, n));

	plain_text(n, &alt);
	if (src == NULL) {
		append_text(w->cur, alt.data, alt.len);
	} else {
		xmlNode *img = el_new(w->cur, "img");
		if (str_trim(alt.data)[0] == '\0' && w->pg->book != NULL)
			__atomic_add_fetch(&w->pg->book->no_alt, 1, __ATOMIC_RELAXED);
		if (str_trim(alt.data)[0] == '\0' && w->pg->links != NULL)
			warnx_at(w->pg->src, node_line(w->pg, n), "image without "
			    "alt text: %s (screen readers will skip it)",
			    cmark_node_get_url(n));
		set_attr(img, "src", src);
		set_attr(img, "alt", alt.data);
		if (title != NULL && title[0])
			set_attr(img, "title", title);
		free(src);
	}
	buf_free(&alt);
}

/* Note ids use "_", which heading ids never hold, so they cannot clash. */
static void
render_noteref(struct walk *w, cmark_node *n)
{
	struct page *pg = w->pg;
	const char *num = cmark_node_get_literal(n);
	char *href, *base, *id;
	xmlNode *sup = el_new(w->cur, "sup"), *a;

	if (strtol(num, NULL, 10) > PAGE_MAX_NOTES) {
		append_text(sup, num, strlen(num));
		return;
	}
	href = xasprintf("#note_%s", num);
	base = xasprintf("noteref_%s", num);
	id = unique_name(pg->ids, pg->counts, base, "_", "");
	a = el_new(sup, "a");
	free(base);
	strmap_put(pg->ids, href + 1, (void *)1);
	xmlSetProp(a, BAD_CAST "id", BAD_CAST id);
	xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
	xmlSetNsProp(a, pg->epub, BAD_CAST "type", BAD_CAST "noteref");
	xmlSetProp(a, BAD_CAST "role", BAD_CAST "doc-noteref");
	xmlSetProp(a, BAD_CAST "class", BAD_CAST "noteref");
	append_text(a, num, strlen(num));
	free(href);
	free(id);
}

static void
begin_note(struct walk *w)
{
	struct page *pg = w->pg;
	char *id = xasprintf("note_%d", ++pg->nnotes);
	xmlNode *aside = xmlNewNode(NULL, BAD_CAST "aside");

	if (pg->notes == NULL)
		pg->notes = xmlNewNode(NULL, BAD_CAST "div");
	if (pg->nnotes > PAGE_MAX_NOTES) {
		/* past the limit a note is text at the end, not a pop-up */
		if (pg->nnotes == PAGE_MAX_NOTES + 1)
			warnx_at(pg->src, 0, "more than %d notes: the rest are "
			    "written at the end, without links", PAGE_MAX_NOTES);
		xmlNodeSetName(aside, BAD_CAST "div");
	} else {
		strmap_put(pg->ids, id, (void *)1);
		xmlSetProp(aside, BAD_CAST "id", BAD_CAST id);
		xmlSetNsProp(aside, pg->epub, BAD_CAST "type",
		    BAD_CAST "footnote");
		xmlSetProp(aside, BAD_CAST "role", BAD_CAST "doc-footnote");
	}
	xmlSetProp(aside, BAD_CAST "class", BAD_CAST "footnote");
	xmlAddChild(pg->notes, aside);
	w->note = aside;
	/* notes are written apart from the body: a new stack base */
	push(w, NULL);
	w->stack[w->depth - 1].base = aside;
	w->cur = aside;
	free(id);
}

static void
end_note(struct walk *w)
{
	struct page *pg = w->pg;
	xmlNode *aside = w->note, *last, *a;
	char *href = xasprintf("#noteref_%d", pg->nnotes);

	if (pg->nnotes > PAGE_MAX_NOTES) {
		free(href);
		w->note = NULL;
		pop(w);
		return;
	}
	last = xmlGetLastChild(aside);
	while (last != NULL && last->type != XML_ELEMENT_NODE)
		last = last->prev;
	if (last == NULL || !xmlStrEqual(last->name, BAD_CAST "p"))
		last = el_new(aside, "p");
	else
		append_text(last, " ", 1);
	a = el_new(last, "a");
	xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
	xmlSetProp(a, BAD_CAST "role", BAD_CAST "doc-backlink");
	xmlSetProp(a, BAD_CAST "class", BAD_CAST "backlink");
	xmlSetProp(a, BAD_CAST "title", BAD_CAST "Back to the text");
	append_text(a, "\xE2\x86\x91", 3);   /* U+2191 upwards arrow */
	free(href);
	w->note = NULL;
	pop(w);
}

/* Where Markdown resumes in an HTML block, kramdown's way: after a line
 * that ends with the end tag of a block element, when the next line does
 * not start with a tag.  CommonMark runs the HTML block on to the next
 * blank line, so sites written for kramdown (VA.gov) would lose their
 * Markdown there.  Returns the offset, or 0 for none. */
static size_t
markdown_resumes(const char *s, size_t len)
{
	static const char *const blocks[] = {"address", "article", "aside",
	    "blockquote", "details", "div", "dl", "fieldset", "figure", "footer",
	    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
	    "nav", "ol", "p", "pre", "section", "table", "ul", NULL};
	size_t i = 0;

	while (i < len) {
		const char *eol = memchr(s + i, '\n', len - i);
		size_t e = eol ? (size_t)(eol - s) : len, k = e, next = e + 1;

		while (k > i && (s[k - 1] == ' ' || s[k - 1] == '\r'))
			k--;
		if (eol == NULL || next >= len)
			return 0;
		if (k > i && s[k - 1] == '>') {
			size_t t = k - 1;
			while (t > i && s[t] != '<')
				t--;
			const char *tag = s + t;
			if (tag[0] == '<' && tag[1] == '/') {
				for (int b = 0; blocks[b]; b++) {
					size_t bl = strlen(blocks[b]);
					if (k - t == bl + 3 && strncasecmp(tag + 2,
					    blocks[b], bl) == 0 && s[next] != '<' &&
					    s[next] != ' ' && s[next] != '\t' &&
					    s[next] != '\n')
						return next;
				}
			}
		}
		i = next;
	}
	return 0;
}

/* Indented HTML after an HTML block: CommonMark makes it a code block,
 * but sites written for kramdown indent the HTML they nest (VA.gov's FAQ
 * pages).  An indented block that starts with a tag, right after raw HTML
 * or inside an element raw HTML opened, is HTML. */
static int
indented_html(struct walk *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	cmark_node *prev = cmark_node_previous(n);
	int len, off;
	char c;

	if (!w->pg->kramdown || cmark_node_get_fenced(n, &len, &off, &c))
		return 0;
	while (*lit == ' ' || *lit == '\t' || *lit == '\n')
		lit++;
	if (lit[0] != '<' || !(isalpha((unsigned char)lit[1]) || lit[1] == '/'))
		return 0;
	return (prev != NULL && cmark_node_get_type(prev) == CMARK_NODE_HTML_BLOCK) ||
	    (w->cur != NULL && w->cur->_private != NULL);
}

static void
render_html_block(struct walk *w, cmark_node *n)
{
	struct page *pg = w->pg;
	const char *lit = cmark_node_get_literal(n);
	size_t len = strlen(lit), at;
	xmlNode *before = w->cur;

	at = pg->kramdown && pg->html_split < 16 ?
	    markdown_resumes(lit, len) : 0;
	if (at == 0) {
		html_feed(pg, base_of(w), &w->cur, lit, len, node_line(pg, n));
		return;
	}
	html_feed(pg, base_of(w), &w->cur, lit, at, node_line(pg, n));
	if (w->cur != before) {
		/* the HTML is not closed there: it all stays HTML */
		html_feed(pg, base_of(w), &w->cur, lit + at, len - at,
		    node_line(pg, n));
		return;
	}
	pg->html_split++;
	{
		int line0 = pg->line0;
		pg->line0 = node_line(pg, n);
		for (size_t k = 0; k < at; k++)
			pg->line0 += lit[k] == '\n';
		md_render(pg, w->cur, lit + at, len - at);
		pg->line0 = line0;
	}
	pg->html_split--;
}

/* The kinds of callout, as the dialects name them (dialect.c rewrites
 * each to "[!name]"): the class it gets, and its title when it has none
 * of its own (NULL: the name, capitalised, as Obsidian and MkDocs do). */
static const struct callout_kind {
	const char *name, *cls, *title;
} callout_kinds[] = {
	{"note", "note", "Note"}, {"tip", "tip", "Tip"},
	{"important", "important", "Important"},
	{"warning", "warning", "Warning"}, {"caution", "caution", "Caution"},
	{"info", "note", "Info"}, {"danger", "caution", "Danger"},
	{"hint", "tip", NULL}, {"success", "tip", NULL}, {"check", "tip", NULL},
	{"done", "tip", NULL}, {"attention", "warning", NULL},
	{"error", "caution", NULL}, {"failure", "caution", NULL},
	{"fail", "caution", NULL}, {"missing", "caution", NULL},
	{"bug", "caution", NULL}, {"details", "note", "Details"},
	{"tab", "tab", ""}, {"card", "card", ""},
};

/* The default titles in the languages hbook has them in; English
 * otherwise. */
static const char *
callout_title(const char *title, const char *lang)
{
	static const char *const words[][5] = {
	    {"Note", "Nota", "Remarque", "Hinweis", "Nota"},
	    {"Tip", "Consejo", "Astuce", "Tipp", "Dica"},
	    {"Important", "Importante", "Important", "Wichtig", "Importante"},
	    {"Warning", "Advertencia", "Avertissement", "Warnung", "Aviso"},
	    {"Caution", "Precaución", "Attention", "Vorsicht", "Cuidado"},
	    {"Info", "Información", "Information", "Info", "Informação"},
	    {"Danger", "Peligro", "Danger", "Gefahr", "Perigo"},
	    {"Details", "Detalles", "Détails", "Details", "Detalhes"}};
	static const char *const langs[] = {"en", "es", "fr", "de", "pt"};
	size_t l = 0;

	for (size_t i = 1; lang != NULL && i < 5; i++)
		if (strncasecmp(lang, langs[i], 2) == 0 && (lang[2] == '\0' ||
		    lang[2] == '-'))
			l = i;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strcmp(words[i][0], title) == 0)
			return words[i][l];
	return title;
}

/* Callouts: a quote whose first line is "[!type]" (also "[!type]-" and
 * "[!type]+", folded or not on the site: always open in a book), with
 * its title after the marker or none: GitHub's alerts, Obsidian's
 * callouts, and every dialect dialect.c rewrites into one.  The marker's
 * line leaves the tree (the iterator has the paragraph holding it as its
 * next node: an empty one is skipped).  Returns 0 when n is a plain
 * quote. */
static int
render_alert(struct walk *w, cmark_node *quote)
{
	cmark_node *para = cmark_node_first_child(quote), *k, *next;
	const struct callout_kind *kind = NULL;
	const char *lit, *e, *p;
	struct buf type = {0}, title = {0};
	xmlNode *div;
	int notitle = 0, end = 0;
	char *cls;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH ||
	    (k = cmark_node_first_child(para)) == NULL ||
	    cmark_node_get_type(k) != CMARK_NODE_TEXT)
		return 0;
	lit = cmark_node_get_literal(k);
	if (strncmp(lit, "[!", 2) != 0 || (e = strchr(lit, ']')) == NULL)
		return 0;
	for (p = lit + 2; p < e; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' &&
		    !(*p == '|' && p + 1 == e))
			return 0;
	if (e == lit + 2 || (e == lit + 3 && lit[2] == '|'))
		return 0;
	notitle = e[-1] == '|';
	buf_add(&type, lit + 2, (size_t)(e - lit - 2 - notitle));
	for (char *c = type.data; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	p = e + 1;
	if (*p == '-' || *p == '+')
		p++;
	/* the rest of the first line is the title */
	buf_add(&title, "", 0);
	buf_adds(&title, p);
	for (k = cmark_node_next(k); k != NULL && !end; k = cmark_node_next(k)) {
		cmark_node_type kt = cmark_node_get_type(k);
		end = kt == CMARK_NODE_SOFTBREAK || kt == CMARK_NODE_LINEBREAK;
		if (!end)
			plain_text(k, &title);
	}
	/* the marker's line leaves the tree */
	for (k = cmark_node_first_child(para); k != NULL; k = next) {
		cmark_node_type kt = cmark_node_get_type(k);
		next = cmark_node_next(k);
		cmark_node_unlink(k);
		cmark_node_free(k);
		if (kt == CMARK_NODE_SOFTBREAK || kt == CMARK_NODE_LINEBREAK)
			break;
	}
	for (size_t i = 0; i < sizeof(callout_kinds) / sizeof(*callout_kinds); i++)
		if (strcmp(callout_kinds[i].name, type.data) == 0)
			kind = &callout_kinds[i];
	div = xmlNewNode(NULL, BAD_CAST "div");
	if (kind != NULL && (strcmp(kind->cls, "tab") == 0 ||
	    strcmp(kind->cls, "card") == 0)) {
		cls = xstrdup(kind->cls);
		xmlSetProp(div, BAD_CAST "class", BAD_CAST cls);
	} else {
		cls = xasprintf("callout callout-%s", kind ? kind->cls : "note");
		xmlSetProp(div, BAD_CAST "class", BAD_CAST cls);
		xmlSetProp(div, BAD_CAST "role", BAD_CAST "note");
	}
	push(w, div);
	{
		size_t a = 0, z = title.len;
		while (a < z && isspace((unsigned char)title.data[a]))
			a++;
		while (z > a && isspace((unsigned char)title.data[z - 1]))
			z--;
		memmove(title.data, title.data + a, z - a);
		title.data[title.len = z - a] = '\0';
	}
	if (title.len == 0 && !notitle) {
		buf_free(&title);
		if (kind != NULL && kind->title != NULL) {
			xmlChar *lang = xmlGetProp(xmlDocGetRootElement(w->pg->doc),
			    BAD_CAST "lang");
			buf_adds(&title, callout_title(kind->title,
			    (const char *)lang));
			xmlFree(lang);
		} else {
			buf_adds(&title, type.data);
			title.data[0] = (char)toupper((unsigned char)title.data[0]);
		}
	}
	if (title.len > 0 && !notitle) {
		char *tc = xasprintf("%s-title", kind && strcmp(kind->cls, "tab") == 0 ?
		    "tab" : kind && strcmp(kind->cls, "card") == 0 ? "card" :
		    "callout");
		xmlNode *t = el_new(div, "p");
		xmlSetProp(t, BAD_CAST "class", BAD_CAST tc);
		append_text(t, title.data, title.len);
		append_text(div, "\n", 1);
		free(tc);
	}
	free(cls);
	buf_free(&type);
	buf_free(&title);
	return 1;
}

/* An element mdext.c made: "name" or "name\001attr\001value". */
static void
render_element(struct walk *w, const char *spec)
{
	const char *a = strchr(spec, MDEXT_ELEMENT);
	char *name = xstrndup(spec, a ? (size_t)(a - spec) : strlen(spec));
	xmlNode *el = xmlNewNode(NULL, BAD_CAST name);

	if (a != NULL) {
		const char *v = strchr(a + 1, MDEXT_ELEMENT);
		char *attr = xstrndup(a + 1, v ? (size_t)(v - a - 1) : 0);
		if (v != NULL)
			set_attr(el, attr, v + 1);
		free(attr);
	}
	free(name);
	push(w, el);
}

static void
render_table_cell(struct walk *w, cmark_node *n)
{
	cmark_node *row = cmark_node_parent(n), *table, *c;
	int header = row && cmark_gfm_extensions_get_table_row_is_header(row);
	xmlNode *cell = xmlNewNode(NULL, BAD_CAST (header ? "th" : "td"));
	int idx = 0;

	table = row ? cmark_node_parent(row) : NULL;
	for (c = cmark_node_previous(n); c; c = cmark_node_previous(c))
		idx++;
	if (table != NULL) {
		int cols = cmark_gfm_extensions_get_table_columns(table);
		const uint8_t *align =
		    cmark_gfm_extensions_get_table_alignments(table);
		if (align != NULL && idx < cols) {
			const char *cls = align[idx] == 'l' ? "align-left" :
			    align[idx] == 'c' ? "align-center" :
			    align[idx] == 'r' ? "align-right" : NULL;
			if (cls != NULL)
				xmlSetProp(cell, BAD_CAST "class", BAD_CAST cls);
		}
	}
	if (header)
		xmlSetProp(cell, BAD_CAST "scope", BAD_CAST "col");
	push(w, cell);
}

/* Adjacent text nodes (cmark-gfm makes one per escape or entity) become
 * one XML text node: adding them one by one costs quadratic time. */
static void
flush_text(struct walk *w)
{
	if (w->text.len) {
		append_text(w->cur, w->text.data, w->text.len);
		w->text.len = 0;
	}
}

static void
render_enter(struct walk *w, cmark_node *n, cmark_iter *it)
{
	struct page *pg = w->pg;
	cmark_node_type t = cmark_node_get_type(n);
	const char *lit;
	xmlNode *el;

	if (t == CMARK_NODE_TEXT || t == CMARK_NODE_SOFTBREAK) {
		const char *s = t == CMARK_NODE_TEXT ? cmark_node_get_literal(n) :
		    "\n";
		buf_add(&w->text, s, strlen(s));
		return;
	}
	flush_text(w);

	if (t == CMARK_NODE_TABLE) {
		push(w, xmlNewNode(NULL, BAD_CAST "table"));
	} else if (t == CMARK_NODE_TABLE_ROW) {
		int header = cmark_gfm_extensions_get_table_row_is_header(n);
		xmlNode *sec = w->created < MD_MAX_DEPTH && w->cur != NULL &&
		    xmlStrEqual(w->cur->name, BAD_CAST "table") ?
		    table_section(w->cur, header ? "thead" : "tbody") : w->cur;
		push(w, NULL);
		w->cur = sec;
		push(w, xmlNewNode(NULL, BAD_CAST "tr"));
	} else if (t == CMARK_NODE_TABLE_CELL) {
		render_table_cell(w, n);
	} else if (t == CMARK_NODE_STRIKETHROUGH) {
		push(w, xmlNewNode(NULL, BAD_CAST "del"));
	} else switch (t) {
	case CMARK_NODE_DOCUMENT:
		push(w, NULL);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (!render_alert(w, n))
			push(w, xmlNewNode(NULL, BAD_CAST "blockquote"));
		break;
	case CMARK_NODE_LIST:
		if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
			int start = cmark_node_get_list_start(n);
			el = xmlNewNode(NULL, BAD_CAST "ol");
			if (start != 1) {
				char s[16];
				snprintf(s, sizeof(s), "%d", start);
				xmlSetProp(el, BAD_CAST "start", BAD_CAST s);
			}
		} else {
			el = xmlNewNode(NULL, BAD_CAST "ul");
		}
		push(w, el);
		break;
	case CMARK_NODE_ITEM:
		el = xmlNewNode(NULL, BAD_CAST "li");
		push(w, el);
		if (strcmp(cmark_node_get_type_string(n), "tasklist") == 0) {
			int done = cmark_gfm_extensions_get_tasklist_item_checked(n);
			/* the box stands for the bullet */
			xmlSetProp(el, BAD_CAST "class", BAD_CAST "task-item");
			xmlNode *box = el_new(w->cur, "span");
			xmlSetProp(box, BAD_CAST "class", BAD_CAST (done ?
			    "task done" : "task"));
			xmlSetProp(box, BAD_CAST "role", BAD_CAST "img");
			xmlSetProp(box, BAD_CAST "aria-label", BAD_CAST (done ?
			    "done" : "not done"));
			/* U+2611 ballot box with check, U+2610 ballot box */
			append_text(box, done ? "\xE2\x98\x91" : "\xE2\x98\x90", 3);
			append_text(w->cur, " ", 1);
		}
		break;
	case CMARK_NODE_CODE_BLOCK: {
		const char *info = cmark_node_get_fence_info(n);

		if (indented_html(w, n)) {
			lit = cmark_node_get_literal(n);
			html_feed(pg, base_of(w), &w->cur, lit, strlen(lit),
			    node_line(pg, n));
			break;
		}
		xmlNode *pre = el_new(NULL, "pre"), *code = el_new(pre, "code");
		size_t k = info ? strcspn(info, " \t") : 0;

		if (k) {
			char *lang = xstrndup(info, k), *slug = slugify(lang);
			char *cls = xasprintf("language-%s", slug);
			if (slug[0])
				xmlSetProp(code, BAD_CAST "class", BAD_CAST cls);
			free(cls);
			free(slug);
			free(lang);
		}
		lit = cmark_node_get_literal(n);
		append_text(code, lit, strlen(lit));
		push(w, pre);
		pop(w);
		break;
	}
	case CMARK_NODE_HTML_BLOCK:
		render_html_block(w, n);
		break;
	case CMARK_NODE_HTML_INLINE:
		lit = cmark_node_get_literal(n);
		html_feed(pg, base_of(w), &w->cur, lit, strlen(lit),
		    node_line(pg, n));
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
		lit = cmark_node_get_on_enter(n);
		if (lit != NULL && lit[0] == MDEXT_ELEMENT) {
			render_element(w, lit + 1);
			break;
		}
		if (lit != NULL)
			html_feed(pg, base_of(w), &w->cur, lit, strlen(lit),
			    node_line(pg, n));
		push(w, NULL);
		break;
	case CMARK_NODE_PARAGRAPH:
		if (cmark_node_first_child(n) == NULL) {
			/* a callout's marker was all it held */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		}
		push(w, in_tight_list(n) ? NULL : xmlNewNode(NULL, BAD_CAST "p"));
		break;
	case CMARK_NODE_HEADING:
		if (n == w->dropped) {
			/* skips to after the exit event: nothing to pop */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		}
		render_heading(w, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		el_new(w->cur, "hr");
		append_text(w->cur, "\n", 1);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		begin_note(w);
		break;
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(n);
		append_text(el_new(w->cur, "code"), lit, strlen(lit));
		break;
	case CMARK_NODE_LINEBREAK:
		el_new(w->cur, "br");
		append_text(w->cur, "\n", 1);
		break;
	case CMARK_NODE_EMPH:
		push(w, xmlNewNode(NULL, BAD_CAST "em"));
		break;
	case CMARK_NODE_STRONG:
		push(w, xmlNewNode(NULL, BAD_CAST "strong"));
		break;
	case CMARK_NODE_LINK: {
		const char *title = cmark_node_get_title(n);
		el = xmlNewNode(NULL, BAD_CAST "a");
		if (page_link(pg, el, cmark_node_get_url(n),
		    node_line(pg, n)) < 0) {
			xmlFreeNode(el);
			push(w, NULL);
			break;
		}
		if (title != NULL && title[0])
			set_attr(el, "title", title);
		push(w, el);
		break;
	}
	case CMARK_NODE_IMAGE:
		render_image(w, n);
		/* the alt text is written: skip past the exit event */
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		render_noteref(w, n);
		push(w, NULL);
		break;
	default:
		/* a node type from a newer cmark-gfm: its children still render */
		push(w, NULL);
		break;
	}
}

/* cmark's iterator sends an exit event for every node but these leaves;
 * every other node pushed one frame on entry. */
static int
has_exit(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return 0;
	default:
		return 1;
	}
}

static void
render_exit(struct walk *w, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	flush_text(w);
	if (t == CMARK_NODE_FOOTNOTE_DEFINITION) {
		end_note(w);
		return;
	}
	if (t == CMARK_NODE_CUSTOM_BLOCK || t == CMARK_NODE_CUSTOM_INLINE) {
		const char *lit = cmark_node_get_on_exit(n);
		if (lit != NULL)
			html_feed(w->pg, base_of(w), &w->cur, lit, strlen(lit),
			    node_line(w->pg, n));
	}
	pop(w);
	if (t == CMARK_NODE_TABLE_ROW) {
		pop(w);
		if (w->cur && cmark_node_next(n) == NULL)
			append_text(w->cur, "\n", 1);
	}
}

/* s past what opens a heading before its words: blanks, punctuation, and
 * emoji (four-byte UTF-8 and the variation selector after them), so that
 * "# 👋 Welcome" is the title "Welcome". */
static const char *
past_marks(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (;;) {
		if (*p != '\0' && *p < 0x80 && !isalnum(*p))
			p++;
		else if (*p >= 0xF0 && p[1] && p[2] && p[3])
			p += 4;
		else if (p[0] == 0xEF && p[1] == 0xB8 && p[2] == 0x8F)
			p += 3;
		else
			return (const char *)p;
	}
}

/* The heading that is the chapter's title, and so is not rendered: a
 * first level-1 heading with the title's text (what opens either aside). */
static void
find_title_heading(struct walk *w, cmark_node *doc)
{
	cmark_node *n = cmark_node_first_child(doc);
	struct buf b = {0};

	while (n != NULL && cmark_node_get_type(n) != CMARK_NODE_HEADING)
		n = cmark_node_next(n);
	if (n == NULL || w->pg->drop_h1 == NULL ||
	    cmark_node_get_heading_level(n) != 1)
		return;
	plain_text(n, &b);
	if (strcmp(past_marks(str_trim(b.data)), past_marks(w->pg->drop_h1)) ==
	    0)
		w->dropped = n;
	buf_free(&b);
}

static int
heading_rank(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || n->name[0] != 'h' ||
	    n->name[1] < '1' || n->name[1] > '6' || n->name[2] != '\0')
		return 0;
	return n->name[1] - '0';
}

static void
collect_headings(xmlNode *n, xmlNode ***out, size_t *nout, size_t *cap)
{
	for (; n != NULL; n = n->next) {
		if (heading_rank(n)) {
			if (*nout == *cap) {
				*cap = *cap ? *cap * 2 : 16;
				*out = xrealloc(*out, *cap * sizeof(**out));
			}
			(*out)[(*nout)++] = n;
		} else if (n->type == XML_ELEMENT_NODE) {
			collect_headings(n->children, out, nout, cap);
		}
	}
}

/* Whether n holds anything a screen reader would read: text, or an
 * image's alt text. */
static int
has_reading(const xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE &&
		    !str_blank((const char *)n->content))
			return 1;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "img") == 0) {
			xmlChar *alt = xmlGetProp(n, BAD_CAST "alt");
			int some = !str_blank((const char *)alt);

			xmlFree(alt);
			if (some)
				return 1;
		} else if (has_reading(n->children)) {
			return 1;
		}
	}
	return 0;
}

void
headings_normalize(struct page *pg, xmlNode *root)
{
	headings_below(pg, root, 2);
}

void
headings_below(struct page *pg, xmlNode *root, int top)
{
	xmlNode **hs = NULL;
	size_t n = 0, cap = 0, kept = 0, over = 0;
	int min = 7, prev = top - 1;

	collect_headings(root->children, &hs, &n, &cap);
	/* A heading with nothing to read (a site's script hook, say) is a
	 * blank entry for screen readers: it becomes a div, keeping its
	 * anchors. */
	for (size_t i = 0; i < n; i++) {
		if (!has_reading(hs[i]->children)) {
			xmlNodeSetName(hs[i], BAD_CAST "div");
		} else if (kept == PAGE_MAX_HEADINGS) {
			/* past the limit: bold paragraphs, not sections */
			xmlNodeSetName(hs[i], BAD_CAST "p");
			xmlSetProp(hs[i], BAD_CAST "class", BAD_CAST "heading");
			over++;
		} else {
			hs[kept++] = hs[i];
		}
	}
	if (over)
		warnx_at(pg->src, 0, "more than %d headings: %zu more are "
		    "written as bold paragraphs", PAGE_MAX_HEADINGS, over);
	n = kept;
	for (size_t i = 0; i < n; i++)
		if (heading_rank(hs[i]) < min)
			min = heading_rank(hs[i]);
	for (size_t i = 0; i < n; i++) {
		int l = heading_rank(hs[i]) + top - min;
		char name[3] = "h2";
		xmlChar *text = xmlNodeGetContent(hs[i]);
		char *t = str_trim((char *)text);
		xmlChar *id = xmlGetProp(hs[i], BAD_CAST "id");

		if (l > prev + 1)
			l = prev + 1;
		if (l > 6)
			l = 6;
		prev = l;
		name[1] = (char)('0' + l);
		xmlNodeSetName(hs[i], BAD_CAST name);
		if (id == NULL) {
			char *nid = page_id(pg, t);
			xmlSetProp(hs[i], BAD_CAST "id", BAD_CAST nid);
			id = xmlStrdup(BAD_CAST nid);
			free(nid);
		}
		if (l == 2 && t[0] != '\0') {
			pg->heads = xrealloc(pg->heads,
			    (pg->nheads + 1) * sizeof(*pg->heads));
			pg->heads[pg->nheads].level = 2;
			pg->heads[pg->nheads].id = xstrdup((const char *)id);
			pg->heads[pg->nheads].text = xstrdup(t);
			pg->nheads++;
		}
		xmlFree(id);
		xmlFree(text);
	}
	free(hs);
}

void
md_render(struct page *pg, xmlNode *parent, const char *md, size_t len)
{
	struct walk w = {0};
	int *map = pg->linemap;
	size_t nmap = pg->nlinemap;
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	/* a nested text (Markdown in raw HTML) counts its own lines */
	pg->linemap = NULL;
	doc = md_parse(md, len, pg, &w.parser, pg->rendering++ == 0);

	w.pg = pg;
	w.cur = parent;
	find_title_heading(&w, doc);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER)
			render_enter(&w, n, it);
		else if (ev == CMARK_EVENT_EXIT && has_exit(n))
			render_exit(&w, n);
	}
	flush_text(&w);
	cmark_iter_free(it);
	mdext_free(doc);
	cmark_node_free(doc);
	cmark_parser_free(w.parser);
	free(w.stack);
	buf_free(&w.text);
	free(pg->linemap);
	pg->linemap = map;
	pg->nlinemap = nmap;
	pg->rendering--;
}
