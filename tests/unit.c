/* unit.c: unit tests for the small rules: slugs, ids, dates, paths, front
 * matter, YAML limits, ordering.  Prints "ok NAME" or "not ok NAME: why"
 * per check, for tests/run.sh to count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/tree.h>

#include "book.h"
#include "diag.h"
#include "dom.h"
#include "frontmatter.h"
#include "gfm.h"
#include "hash.h"
#include "links.h"
#include "mdext.h"
#include "meta.h"
#include "order.h"
#include "scan.h"
#include "site.h"
#include "text.h"
#include "threads.h"
#include "util.h"
#include "yaml.h"

static int failed;

#define OK(name, cond) check((name), (cond), #cond)
#define STR_EQ(name, got, want) str_eq((name), (got), (want))

static void
check(const char *name, int cond, const char *what)
{
	if (cond) {
		printf("ok unit: %s\n", name);
	} else {
		printf("not ok unit: %s: %s\n", name, what);
		failed++;
	}
}

/* Takes ownership of got. */
static void
str_eq(const char *name, char *got, const char *want)
{
	if ((got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0)) {
		printf("ok unit: %s\n", name);
	} else {
		printf("not ok unit: %s: got \"%s\", want \"%s\"\n", name,
		    got ? got : "(null)", want ? want : "(null)");
		failed++;
	}
	free(got);
}

static void
test_slugs(void)
{
	STR_EQ("slug: words", slugify("Sleep & Naps: Part 2"), "sleep-naps-part-2");
	STR_EQ("slug: accents fold", slugify("Nutrición básica"), "nutricion-basica");
	STR_EQ("slug: apostrophes join", slugify("Don't panic"), "dont-panic");
	STR_EQ("slug: trims separators", slugify("  --Hello--  "), "hello");
	STR_EQ("slug: other scripts vanish", slugify("中文"), "");
	STR_EQ("id: starts with a letter", make_id("2. Deep sleep"), "s-2-deep-sleep");
	STR_EQ("id: never empty", make_id("中文"), "section");
	STR_EQ("id: plain", make_id("Why Fibre Matters"), "why-fibre-matters");
	STR_EQ("stem: jekyll date prefix", file_stem("_posts/2013-10-01-get-covered.md"),
	    "get-covered");
	STR_EQ("stem: plain", file_stem("sleep/naps.md"), "naps");
	STR_EQ("stem: dotfile-like", file_stem("x/.md"), ".md");
	STR_EQ("readable: folder name", readable_name("mental-health"), "Mental health");
	STR_EQ("readable: underscores", readable_name("heart_rate"), "Heart rate");
}

static void
test_dates(void)
{
	STR_EQ("date: plain", date_normalize("2024-03-05"), "2024-03-05");
	STR_EQ("date: with time", date_normalize("2019-05-01 12:00:00 -0400"), "2019-05-01");
	STR_EQ("date: ISO T", date_normalize("2024-03-05T10:00:00Z"), "2024-03-05");
	STR_EQ("date: not a date", date_normalize("soon"), NULL);
	STR_EQ("date: no 30 February", date_normalize("2023-02-30"), NULL);
	STR_EQ("date: leap day", date_normalize("2024-02-29"), "2024-02-29");
	STR_EQ("date: trailing junk", date_normalize("2024-03-05x"), NULL);
	STR_EQ("date display: English", date_display("2026-10-02", "en"), "October 2, 2026");
	STR_EQ("date display: en-GB", date_display("2026-10-02", "en-GB"), "October 2, 2026");
	STR_EQ("date display: other languages keep ISO", date_display("2026-10-02", "es"),
	    "2026-10-02");
	OK("date epoch: 1970", date_epoch("1970-01-01") == 0);
	OK("date epoch: 2000", date_epoch("2000-03-01") == 951868800LL);
}

static void
test_paths(void)
{
	STR_EQ("path: dots", path_normalize("a/./b/../c"), "a/c");
	STR_EQ("path: climbing out", path_normalize("../../etc/passwd"), NULL);
	STR_EQ("path: climbing out late", path_normalize("a/../../b"), NULL);
	STR_EQ("path: double slashes", path_normalize("a//b/"), "a/b");
	STR_EQ("path: dir", path_dir("sleep/naps.md"), "sleep");
	STR_EQ("path: dir of a bare name", path_dir("naps.md"), "");
}

static void
test_frontmatter(void)
{
	const char *y, *body;
	size_t ylen;
	int line, kind;
	const char *t1 = "---\ntitle: A\n---\nBody\n";
	const char *t2 = "\xEF\xBB\xBF---  \r\ntitle: B\r\n--- \r\nBody\r\n";
	const char *t3 = "No front matter\n";
	const char *t4 = "---\ntitle: C\nnever closed\n";
	const char *t5 = "+++\ntitle = \"T\"\n+++\nBody\n";
	const char *t6 = "{\n  \"title\": \"J {}\"\n}\n\nBody\n";
	const char *t7 = "<!--\ntitle: W\n-->\n<p>Body</p>\n";

	OK("front matter: found", frontmatter_split(t1, strlen(t1), &y, &ylen,
	    &body, &line, &kind) == 0 && ylen == 9 && strncmp(y, "title: A\n",
	    9) == 0 && strcmp(body, "Body\n") == 0 && line == 4 &&
	    kind == FM_YAML);
	OK("front matter: BOM, CRLF and trailing blanks", frontmatter_split(t2,
	    strlen(t2), &y, &ylen, &body, &line, &kind) == 0 && y != NULL &&
	    strncmp(y, "title: B\r\n", ylen) == 0 && strcmp(body, "Body\r\n") == 0);
	OK("front matter: none", frontmatter_split(t3, strlen(t3), &y, &ylen,
	    &body, &line, &kind) == 0 && y == NULL && body == t3 && line == 1 &&
	    kind == FM_NONE);
	OK("front matter: unclosed", frontmatter_split(t4, strlen(t4), &y, &ylen,
	    &body, &line, &kind) < 0);
	OK("front matter: TOML between +++", frontmatter_split(t5, strlen(t5),
	    &y, &ylen, &body, &line, &kind) == 0 && kind == FM_TOML &&
	    strncmp(y, "title = \"T\"\n", ylen) == 0 && strcmp(body, "Body\n") == 0);
	OK("front matter: JSON object", frontmatter_split(t6, strlen(t6), &y,
	    &ylen, &body, &line, &kind) == 0 && kind == FM_JSON &&
	    ylen == 21 && strcmp(body, "\nBody\n") == 0 && line == 4);
	OK("front matter: Wiki.js comment", frontmatter_split(t7, strlen(t7),
	    &y, &ylen, &body, &line, &kind) == 0 && kind == FM_YAML &&
	    strncmp(y, "title: W\n", ylen) == 0 && strcmp(body, "<p>Body</p>\n") == 0);
}

static void
test_yaml(void)
{
	const char *bomb =
	    "a: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	struct ydoc *d;
	int line;
	const char *msg;
	char deep[400];

	d = ydoc_parse(bomb, strlen(bomb), &line, &msg);
	OK("yaml: alias bomb shares nodes", d != NULL &&
	    ymap_get(ydoc_root(d), "i")->nkids == 9);
	ydoc_free(d);
	d = ydoc_parse("title: a\ntitle: b\n", 18, &line, &msg);
	STR_EQ("yaml: last duplicate key wins", xstrdup(ystr(ymap_get(ydoc_root(d),
	    "title"))), "b");
	ydoc_free(d);
	d = ydoc_parse("title: [unclosed\n", 17, &line, &msg);
	OK("yaml: error has a line", d == NULL && line >= 1 && msg != NULL);
	memset(deep, '[', 100);
	deep[100] = '\0';
	d = ydoc_parse(deep, 100, &line, &msg);
	OK("yaml: nesting limit", d == NULL && msg != NULL);
	ydoc_free(d);
	d = ydoc_parse("a: ~\nb: null\nc: ''\n", 19, &line, &msg);
	OK("yaml: nulls", d != NULL && ymap_get(ydoc_root(d), "a")->kind == Y_NULL &&
	    ymap_get(ydoc_root(d), "b")->kind == Y_NULL &&
	    ymap_get(ydoc_root(d), "c")->kind == Y_SCALAR);
	ydoc_free(d);
}

static void
test_utf8(void)
{
	size_t n;
	int bad;
	char *s;

	OK("utf8: valid", utf8_valid("caf\xC3\xA9", 5));
	OK("utf8: overlong", !utf8_valid("\xC0\xAF", 2));
	OK("utf8: surrogate", !utf8_valid("\xED\xA0\x80", 3));
	OK("utf8: truncated", !utf8_valid("\xE2\x82", 2));
	s = utf8_repair("a\nb\xFF" "c", 5, &n, &bad);
	OK("utf8: repair replaces and names the line", bad == 2 &&
	    strcmp(s, "a\nb\xEF\xBF\xBD" "c") == 0);
	free(s);
	s = utf8_repair("a\0b", 3, &n, &bad);
	OK("utf8: NUL replaced", bad == 1 && strcmp(s, "a\xEF\xBF\xBD" "b") == 0);
	free(s);
}

static void
test_uuid(void)
{
	char u[37];

	uuid5_url("http://python.org/", u);
	STR_EQ("uuid5: RFC 4122 vector", xstrdup(u),
	    "4c565f0d-3f5a-5890-b41b-20cf47701c5e");
}

static void
test_order(void)
{
	struct article a = {0}, b = {0};

	a.title = "Alpha";
	b.title = "Beta";
	a.path = "a.md";
	b.path = "b.md";
	OK("order: title", article_cmp(&a, &b) < 0);
	b.date = "2024-01-02";
	a.date = "2024-01-01";
	OK("order: newest first", article_cmp(&b, &a) < 0);
	a.has_weight = 1;
	a.weight = 5;
	OK("order: weight before date", article_cmp(&a, &b) < 0);
	b.has_weight = 1;
	b.weight = 2;
	OK("order: lower weight first", article_cmp(&b, &a) < 0);
	b.weight = 5;
	OK("order: same weight, newest first", article_cmp(&b, &a) < 0);
	a.date = b.date;
	OK("order: same date, by title", article_cmp(&a, &b) < 0);
}

/* Found by the front matter fuzz target: a new book must be able to read
 * articles before hbook.yaml is read (pages_root was NULL). */
static void
test_fresh_book(void)
{
	struct book *b = book_new("somewhere");
	const char *text = "---\ntitle: T\n---\nBody.\n";

	diag_setup(1, 0);
	OK("book: a fresh book reads articles from its root",
	    article_from_text(b, "a.md", text, strlen(text)) == 1 &&
	    strcmp(b->arts[0]->src, "somewhere/a.md") == 0);
	book_free(b);
	diag_setup(0, 0);
}

/* dom_write() writes text that needs no escaping as it is (marked for
 * libxml2 while it writes) and escapes the rest, in text and in
 * attributes. */
static void
test_dom_write(void)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *p = xmlNewNode(NULL, BAD_CAST "p");
	char *out;
	size_t len;

	xmlDocSetRootElement(doc, p);
	xmlSetProp(p, BAD_CAST "title", BAD_CAST "x & \"y\"");
	xmlAddChild(p, xmlNewText(BAD_CAST "caf\xC3\xA9 \"quoted\" 'and' so"));
	xmlAddChild(xmlNewChild(p, NULL, BAD_CAST "b", NULL),
	    xmlNewText(BAD_CAST "a < b & c > d\r"));
	xmlAddChild(p, xmlNewText(BAD_CAST "&amp;"));
	dom_write(doc, 0, &out, &len);
	OK("dom_write: plain text as it is, the rest escaped",
	    strstr(out, "<p title=\"x &amp; &quot;y&quot;\">caf\xC3\xA9 "
	    "\"quoted\" 'and' so<b>a &lt; b &amp; c &gt; d&#13;</b>&amp;amp;"
	    "</p>") != NULL && len == strlen(out));
	free(out);
}

/* The site the resolver's table is made of: pages, a bundle, an alias, a
 * Jekyll post, a name with a space; pictures, a PDF, and a link that
 * leaves the content folder. */
static const char *const site_pages[] = {"sleep/naps.md",
    "sleep/stages/index.md", "nutrition/zinc.md",
    "2013-10-01-get-covered.md", "my topic/space page.md", NULL};
static const char *const site_files[] = {"sleep/img/chart.png",
    "sleep/img/chart x.png", "static/img/logo.png", "files/form.pdf", NULL};

static struct book *
site_book(const char *base)
{
	struct book *b = book_new("site");

	b->cfg.base_url = base ? xstrdup(base) : NULL;
	b->site = xcalloc(1, sizeof(*b->site));
	b->site->gen = &gen_plain;
	b->site->dir = xstrdup("");
	gen_plain.read(b, b->site);
	for (size_t i = 0; site_pages[i]; i++) {
		struct article *a = book_add_article(b);
		char *stem = file_stem(site_pages[i]);

		a->where = xstrdup("");
		a->path = xstrdup(site_pages[i]);
		if (strcmp(stem, "index") == 0) {
			free(stem);
			stem = xstrdup("stages");
		}
		a->slug = stem;
		a->file = xasprintf("page%zu.xhtml", i);
		if (i == 2)
			strlist_add(&a->aliases, "/old/zinc-facts/");
		site_urls(b->site, a, &a->urls);
	}
	return b;
}

/* The page links are written in: the first in folder dir; NULL for ""
 * (a page of the book's own). */
static const struct article *
from(const struct book *b, const char *dir)
{
	for (size_t i = 0; dir[0] && i < b->narts; i++) {
		char *d = path_dir(b->arts[i]->path);
		int here = strcmp(d, dir) == 0;
		free(d);
		if (here)
			return b->arts[i];
	}
	return NULL;
}

static struct links *
site_links(const struct book *b)
{
	struct scan s;
	struct links *l;

	memset(&s, 0, sizeof(s));
	for (size_t i = 0; site_pages[i]; i++)
		strlist_add(&s.files, site_pages[i]);
	for (size_t i = 0; site_files[i]; i++)
		strlist_add(&s.files, site_files[i]);
	strlist_add(&s.outside, "sleep/evil.png");
	l = links_new(b, &s);
	scan_free(&s);
	return l;
}

/* What a resolved link is, in a line: "page sleep/naps.md#frag",
 * "here top", "web URL", "off-book URL", "text WHY". */
static char *
link_said(const struct link *k)
{
	switch (k->kind) {
	case LINK_PAGE:
		return xasprintf("page %s", k->target->path);
	case LINK_SECTION:
		return xasprintf("page %s#%s", k->target->path, k->frag);
	case LINK_HERE:
		return xasprintf("here %s", k->frag);
	case LINK_WEB:
		return xasprintf("%s %s", k->off_book ? "off-book" : "web",
		    k->href ? k->href : "(none)");
	default:
		return xasprintf("text %s%s", k->why, k->warning ? " (warned)" :
		    "");
	}
}

/* The resolver against a table of links, as sites write them. */
static void
test_links(void)
{
	static const struct {
		int base;                /* 0 none, 1 with "/", 2 without */
		const char *dir, *url, *want;
	} cases[] = {
		{2, "sleep", "naps.md", "page sleep/naps.md"},
		{2, "sleep", "./naps.md", "page sleep/naps.md"},
		{2, "sleep/stages", "../naps", "page sleep/naps.md"},
		{2, "sleep", "../nutrition/zinc.md", "page nutrition/zinc.md"},
		{2, "sleep", "stages/", "page sleep/stages/index.md"},
		{2, "", "/nutrition/zinc/", "page nutrition/zinc.md"},
		{2, "", "/nutrition/zinc.html", "page nutrition/zinc.md"},
		{2, "", "https://site.example/sleep/naps/", "page sleep/naps.md"},
		{1, "", "https://site.example/sleep/naps/", "page sleep/naps.md"},
		{1, "", "https://site.example/nutrition/zinc", "page nutrition/zinc.md"},
		{2, "", "https://site.example.org/sleep/naps/",
		    "web https://site.example.org/sleep/naps/"},
		{1, "", "https://site.example.org/sleep/naps/",
		    "web https://site.example.org/sleep/naps/"},
		{2, "my topic", "space%20page.md", "page my topic/space page.md"},
		{2, "", "/my%20topic/space%20page/", "page my topic/space page.md"},
		{2, "sleep", "naps.md#Dosage Guide", "page sleep/naps.md#Dosage Guide"},
		{2, "sleep", "naps.md#dose%20one", "page sleep/naps.md#dose one"},
		{2, "sleep", "#top", "here top"},
		{2, "sleep", "?q=1#top", "here top"},
		{2, "sleep", "#", "text not in the book"},
		{2, "", "zinc", "page nutrition/zinc.md"},
		{2, "", "/get-covered/", "page 2013-10-01-get-covered.md"},
		{2, "", "2013-10-01-get-covered.md", "page 2013-10-01-get-covered.md"},
		{2, "", "/old/zinc-facts/", "page nutrition/zinc.md"},
		{2, "sleep", "{{< ref \"naps.md\" >}}", "page sleep/naps.md"},
		{2, "", "{{ site.baseurl }}/nutrition/zinc/", "page nutrition/zinc.md"},
		{2, "", "@/sleep/naps.md", "page sleep/naps.md"},
		{2, "", "/no/such/page/", "off-book https://site.example/no/such/page/"},
		{1, "", "/no/such/page/", "off-book https://site.example/no/such/page/"},
		{2, "", "/files/form.pdf", "off-book https://site.example/files/form.pdf"},
		{2, "", "/CARE/index.asp", "off-book https://site.example/CARE/index.asp"},
		{2, "sleep", "missing.md", "text a page not in the book (warned)"},
		{0, "", "/no/such/page/", "text a page not in the book (warned)"},
		{0, "", "/files/form.pdf",
		    "text a file that is not an article (warned)"},
		{0, "", "https://who.int/news", "web https://who.int/news"},
		{0, "", "HTTPS://who.int/a b", "web HTTPS://who.int/a%20b"},
		{0, "", "mailto:care@clinic.example", "web mailto:care@clinic.example"},
		{0, "", "tel:+15551234", "web tel:+15551234"},
		{0, "", "//cdn.example/x", "web https://cdn.example/x"},
		{0, "", "data:text/html,<b>x</b>", "text not a web address (warned)"},
		{0, "", "javascript:alert(1)", "text not a web address (warned)"},
		{0, "", "JavaScript:alert(1)", "text not a web address (warned)"},
		{0, "", "vbscript:x", "text not a web address (warned)"},
		{0, "", "http://bad host/", "text not a valid address (warned)"},
		{0, "", "http://-x.example/", "text not a valid address (warned)"},
		{0, "", "//bad host", "text not in the book"},
	};
	struct book *books[3] = {site_book(NULL),
	    site_book("https://site.example/"), site_book("https://site.example")};
	struct links *ls[3];

	for (int i = 0; i < 3; i++)
		ls[i] = site_links(books[i]);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct link k;
		char name[160];

		links_resolve(ls[cases[i].base], from(books[cases[i].base],
		    cases[i].dir), cases[i].url, &k);
		snprintf(name, sizeof(name), "link: %s from '%s'%s", cases[i].url,
		    cases[i].dir, cases[i].base == 0 ? " (no base_url)" :
		    cases[i].base == 1 ? " (base_url with /)" : "");
		STR_EQ(name, link_said(&k), cases[i].want);
		link_clear(&k);
	}
	STR_EQ("link: related by slug", xstrdup(links_find(ls[2], NULL,
	    "naps")->path), "sleep/naps.md");
	OK("link: related on another site is none", links_find(ls[2], NULL,
	    "https://site.example.org/sleep/naps/") == NULL);
	for (int i = 0; i < 3; i++) {
		links_free(ls[i]);
		site_free(books[i]->site);
		free(books[i]->site);
		book_free(books[i]);
	}
}

/* A site of generator g (its content folder "docs"), with pages. */
static struct book *
gen_book(const struct generator *g, const char *const *pages)
{
	struct book *b = book_new("site");

	b->site = xcalloc(1, sizeof(*b->site));
	b->site->gen = g;
	b->site->dir = xstrdup("");
	strlist_add(&b->site->content, "docs");
	b->site->style = g == &gen_obsidian ? URL_FILE : URL_PATH;
	b->site->route = xstrdup("");
	for (size_t i = 0; pages[i]; i++) {
		struct article *a = book_add_article(b);
		a->where = xstrdup("docs");
		a->path = xstrdup(pages[i]);
		a->slug = file_stem(pages[i]);
		a->file = xasprintf("p%zu.xhtml", i);
		site_urls(b->site, a, &a->urls);
	}
	return b;
}

static const struct article *
page_at(const struct book *b, const char *path)
{
	for (size_t i = 0; i < b->narts; i++)
		if (strcmp(b->arts[i]->path, path) == 0)
			return b->arts[i];
	return NULL;
}

/* Links as a generator with addresses of their own (Docusaurus) and as a
 * vault (Obsidian) resolve them: from the page's address, by a name
 * several pages share (with a warning naming them), by wikilink. */
static void
test_links_generators(void)
{
	static const char *const docs[] = {"a/overview.md", "b/overview.md",
	    "a/x.md", "intro.md", NULL};
	static const char *const notes[] = {"A/Note.md", "B/Note.md",
	    "A/x.md", "Other.md", "Deep/er/Note.md", NULL};
	static const struct {
		int vault;
		const char *from, *url, *want;
	} cases[] = {
		{0, "a/x.md", "overview", "page a/overview.md"},
		{0, "a/x.md", "../b/overview", "page b/overview.md"},
		{0, "a/x.md", "./overview.md", "page a/overview.md"},
		{0, "intro.md", "a/overview", "page a/overview.md"},
		{0, "intro.md", "../../a/overview", "page a/overview.md"},
		{0, "intro.md", "/b/overview", "page b/overview.md"},
		{0, "intro.md", "overview", "page a/overview.md (warned)"},
		{1, "A/x.md", WIKILINK_SCHEME "Note", "page A/Note.md"},
		{1, "Other.md", WIKILINK_SCHEME "note", "page A/Note.md"},
		{1, "Other.md", WIKILINK_SCHEME "B/Note", "page B/Note.md"},
		{1, "Other.md", WIKILINK_SCHEME "er/Note", "page Deep/er/Note.md"},
		{1, "A/x.md", WIKILINK_SCHEME "Note#The Part",
		    "page A/Note.md#The Part"},
		{1, "A/x.md", WIKILINK_SCHEME "#Here", "here Here"},
		{1, "A/x.md", WIKILINK_SCHEME "Missing",
		    "text a note not in the book (warned)"},
	};
	struct book *bs[2] = {gen_book(&gen_docusaurus, docs),
	    gen_book(&gen_obsidian, notes)};
	struct links *ls[2];

	for (int i = 0; i < 2; i++) {
		struct scan s;
		memset(&s, 0, sizeof(s));
		ls[i] = links_new(bs[i], &s);
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct link k;
		char name[160], *said;
		int v = cases[i].vault;

		links_resolve(ls[v], page_at(bs[v], cases[i].from), cases[i].url,
		    &k);
		said = link_said(&k);
		if (k.warning != NULL && k.kind != LINK_TEXT) {
			char *w = xasprintf("%s (warned)", said);
			free(said);
			said = w;
		}
		snprintf(name, sizeof(name), "link (%s): %s from %s",
		    v ? "vault" : "Docusaurus", cases[i].url, cases[i].from);
		STR_EQ(name, said, cases[i].want);
		link_clear(&k);
	}
	for (int i = 0; i < 2; i++) {
		links_free(ls[i]);
		site_free(bs[i]->site);
		free(bs[i]->site);
		book_free(bs[i]);
	}
}

/* The picture resolver: files of the site, the web, and what must never
 * be read. */
static void
test_pictures(void)
{
	static const struct {
		const char *dir, *url, *want;
	} cases[] = {
		{"sleep", "img/chart.png", "file sleep/img/chart.png"},
		{"sleep", "img/chart%20x.png", "file sleep/img/chart x.png"},
		{"sleep", "./img/chart.png?v=2", "file sleep/img/chart.png"},
		{"sleep", "/img/logo.png", "file static/img/logo.png"},
		{"", "https://site.example/img/logo.png", "file static/img/logo.png"},
		{"", "{{ site.baseurl }}/img/logo.png", "file static/img/logo.png"},
		{"", "https://site.example.org/a.png", "remote"},
		{"", "https://cdn.example/a.png", "remote"},
		{"", "//cdn.example/a.png", "remote"},
		{"", "data:image/png;base64,AAAA", "remote"},
		{"sleep", "../../etc/passwd", "outside"},
		{"", "/../etc/passwd", "outside"},
		{"sleep", "evil.png", "outside"},
		{"sleep", "missing.png", "missing"},
		{"sleep", "img", "missing"},
		{"", "", "none"},
	};
	static const char *const kinds[] = {"file", "remote", "outside",
	    "missing", "none"};
	struct book *b = site_book("https://site.example");
	struct links *l = site_links(b);

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct picture p;
		char name[160];

		links_picture(l, from(b, cases[i].dir), cases[i].url, &p);
		snprintf(name, sizeof(name), "picture: %s from '%s'",
		    cases[i].url, cases[i].dir);
		STR_EQ(name, p.kind == PICTURE_FILE ? xasprintf("file %s", p.file) :
		    xstrdup(kinds[p.kind]), cases[i].want);
		free(p.file);
		free(p.name);
	}
	links_free(l);
	site_free(b->site);
	free(b->site);
	book_free(b);
}

/* The GFM extensions a text can use: none but task lists for prose (so
 * cmark-gfm does not stop at every w and colon), and each for what it
 * looks for, however written. */
static void
test_md_extensions(void)
{
	static const struct {
		const char *md;
		unsigned want;
	} cases[] = {
		{"We were wary: 10:30, 2:1, 1-2 -- wow.\n", 0},
		{"a | b\n--|--\n", MD_TABLE},
		{"Item\n:--\nx\n", MD_TABLE},
		{"Item\n--:\nx\n", MD_TABLE},
		{"~~gone~~\n", MD_STRIKETHROUGH},
		{"see http://example.com\n", MD_AUTOLINK},
		{"see www.example.com\n", MD_AUTOLINK},
		{"ask a@example.com\n", MD_AUTOLINK},
		{"ask a&#64;example.com\n", MD_AUTOLINK},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char name[96];

		snprintf(name, sizeof(name), "md_extensions: case %zu", i + 1);
		OK(name, md_extensions(cases[i].md, strlen(cases[i].md)) ==
		    (cases[i].want | MD_TASKLIST));
	}
}

struct tally {
	int jobs;
	int *seen;               /* times each item was called */
	int bad_worker;          /* calls with a worker number >= jobs */
};

static void
count(void *ctx, size_t i, int worker)
{
	struct tally *t = ctx;

	/* long enough that every thread given the work gets items */
	struct timespec nap = {0, 200000};

	nanosleep(&nap, NULL);
	__atomic_add_fetch(&t->seen[i], 1, __ATOMIC_RELAXED);
	if (worker < 0 || worker >= t->jobs)
		__atomic_store_n(&t->bad_worker, 1, __ATOMIC_RELAXED);
}

/* threads_each() calls fn once for each item, with worker numbers below
 * jobs, whether its kept threads are more or fewer than a call wants, and
 * starts them again after threads_end(). */
static void
test_threads_each(void)
{
	static const int jobs[] = {3, 2, 5, 1, 4};
	static const size_t items[] = {200, 60, 150, 20, 2};
	char name[96];

	for (size_t k = 0; k < sizeof(jobs) / sizeof(*jobs); k++) {
		struct tally t = {jobs[k], NULL, 0};
		int once = 1;

		t.seen = xcalloc(items[k], sizeof(*t.seen));
		if (k == 3)
			threads_end();
		threads_each(jobs[k], items[k], count, &t);
		for (size_t i = 0; i < items[k]; i++)
			once &= t.seen[i] == 1;
		snprintf(name, sizeof(name), "threads_each: -j %d, %zu items, "
		    "each once", jobs[k], items[k]);
		OK(name, once && !t.bad_worker);
		free(t.seen);
	}
	threads_end();
}

int
main(void)
{
	test_slugs();
	test_dates();
	test_paths();
	test_frontmatter();
	test_yaml();
	test_utf8();
	test_uuid();
	test_order();
	test_fresh_book();
	test_dom_write();
	test_links();
	test_links_generators();
	test_pictures();
	test_md_extensions();
	test_threads_each();
	return failed ? 1 : 0;
}
