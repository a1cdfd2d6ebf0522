/* page.c: the state of a page being written, and where its links and
 * pictures' answers become attributes, warnings and report rows. */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dom.h"
#include "images.h"
#include "links.h"
#include "mdext.h"
#include "report.h"
#include "text.h"

void
page_init(struct page *pg, xmlDoc *doc, const char *src)
{
	memset(pg, 0, sizeof(*pg));
	pg->doc = doc;
	pg->src = src;
	pg->line0 = 1;
	pg->ids = strmap_new();
	pg->counts = strmap_new();
	pg->warned = strmap_new();
}

int
page_line(const struct page *pg, int k)
{
	if (pg->linemap != NULL && k >= 0 && (size_t)k < pg->nlinemap)
		return pg->line0 + pg->linemap[k];
	return pg->line0 + k;
}

void
page_free(struct page *pg)
{
	strmap_free(pg->ids);
	strmap_free(pg->counts);
	strmap_free(pg->warned);
	strlist_free(&pg->unknown);
	for (size_t i = 0; i < pg->nheads; i++) {
		free(pg->heads[i].id);
		free(pg->heads[i].text);
	}
	free(pg->heads);
	for (size_t i = 0; i < pg->nlocal; i++)
		free(pg->local[i].frag);
	free(pg->local);
	for (size_t i = 0; i < pg->npend; i++)
		free(pg->pend[i].frag);
	free(pg->pend);
	if (pg->notes != NULL && pg->notes->parent == NULL)
		xmlFreeNode(pg->notes);
	memset(pg, 0, sizeof(*pg));
}

char *
page_id(struct page *pg, const char *text)
{
	char *base = make_id(text), *id;

	id = unique_name(pg->ids, pg->counts, base, "-", "");
	free(base);
	return id;
}

int
page_warn_once(struct page *pg, const char *kind, const char *what, int line,
    const char *fmt)
{
	char *key = xasprintf("%s\n%s", kind, what);
	int first = strmap_get(pg->warned, key) == NULL;

	if (first) {
		strmap_put(pg->warned, key, (void *)1);
		warnx_at(pg->src, line, fmt, what);
	}
	free(key);
	return first;
}

/* The href of a link into target's section frag, now that every
 * article's ids are known, with a warning when there is no such
 * section.  The caller frees it. */
static char *
section_href(const char *src, int line, const struct article *t,
    const char *frag)
{
	char *id = links_choose_id(article_ids(t), frag), *href;

	if (id == NULL) {
		warnx_at(src, line, "link to '#%s': no such section in %s; it "
		    "points at the page", frag, t->file);
		return xstrdup(t->file);
	}
	href = xasprintf("%s#%s", t->file, id);
	free(id);
	return href;
}

/* A link into another page's section before its ids are known: its href
 * is a mark, replaced in the page's bytes once they are (render.c). */
static void
add_pending(struct page *pg, xmlNode *a, struct link *k, int line,
    size_t row)
{
	char mark[32];
	struct pending *p;

	pg->pend = xgrow(pg->pend, pg->npend, &pg->cappend, sizeof(*pg->pend));
	p = &pg->pend[pg->npend];
	p->target = k->target;
	p->frag = k->frag;
	k->frag = NULL;
	p->src = pg->src;
	p->line = line;
	p->row = row;
	snprintf(mark, sizeof(mark), "%c%zu%c", PENDING_MARK, pg->npend++,
	    PENDING_MARK);
	xmlSetProp(a, BAD_CAST "href", BAD_CAST mark);
}

int
page_link(struct page *pg, xmlNode *a, const char *url, int line)
{
	struct link k;
	struct local *local = NULL;
	char *href = NULL, *outcome;
	int rc = 0;

	links_resolve(pg->links, pg->art, url, &k);
	if (k.warning != NULL && k.kind != LINK_TEXT)
		page_warn_once(pg, k.warn_kind, k.what, line, k.warning);
	switch (k.kind) {
	case LINK_TEXT:
		if (k.warning != NULL)
			page_warn_once(pg, k.warn_kind, k.what, line, k.warning);
		outcome = xasprintf("text: %s", k.why);
		rc = -1;
		break;
	case LINK_WEB:
		if (k.href != NULL)
			xmlSetProp(a, BAD_CAST "href", BAD_CAST k.href);
		outcome = xasprintf(k.off_book ? "web link, not in the book: %s" :
		    "web link: %s", k.href ? k.href : "");
		break;
	case LINK_HERE:
		/* settled when the page is complete */
		xmlSetProp(a, BAD_CAST "href", BAD_CAST "#");
		pg->local = xgrow(pg->local, pg->nlocal, &pg->caplocal,
		    sizeof(*pg->local));
		local = &pg->local[pg->nlocal++];
		local->a = a;
		local->frag = k.frag;
		local->src = pg->src;
		local->line = line;
		k.frag = NULL;
		outcome = xstrdup("in the book: this page");
		break;
	case LINK_SECTION:
		if (!pg->ids_known) {
			add_pending(pg, a, &k, line, report_add(pg->report,
			    pg->order, pg->src, line, "link", url, ""));
			link_clear(&k);
			return 0;
		}
		href = section_href(pg->src, line, k.target, k.frag);
		set_attr(a, "href", href);
		outcome = xasprintf("in the book: %s", href);
		break;
	case LINK_PAGE:
	default:
		xmlSetProp(a, BAD_CAST "href", BAD_CAST k.target->href);
		outcome = xasprintf("in the book: %s", k.target->href);
		break;
	}
	if (pg->links != NULL) {
		size_t row = report_add(pg->report, pg->order, pg->src, line,
		    "link", url, outcome);
		if (local != NULL)
			local->row = row;
	}
	free(outcome);
	free(href);
	link_clear(&k);
	return rc;
}

char *
page_picture(struct page *pg, const char *url, int line)
{
	struct picture p;
	const struct resource *r = NULL;
	const char *why = "not found", *warning = NULL, *note = NULL;
	char *outcome, *src = NULL;

	if (pg->links == NULL)
		return url_clean(url);
	links_picture(pg->links, pg->art, url, &p);
	switch (p.kind) {
	case PICTURE_NONE:
		free(p.name);
		return NULL;
	case PICTURE_REMOTE:
		why = "remote";
		warning = "remote image not embedded: %s (its alt text stands in)";
		break;
	case PICTURE_OUTSIDE:
		why = "outside the content folder";
		warning = "image outside the content folder not read: %s (its "
		    "alt text stands in)";
		break;
	case PICTURE_MISSING:
		warning = str_starts(url, WIKILINK_SCHEME) ? "nothing in the vault "
		    "to embed by the name %s (the name stands in)" : "image not "
		    "found in the content folder: %s (its alt text stands in)";
		break;
	case PICTURE_FILE:
	default:
		r = images_embed(pg->images, p.file, &why, &warning, &note);
		break;
	}
	if (r != NULL) {
		src = xasprintf("../%s", r->href);
		outcome = note ? xasprintf("embedded: %s (%s)", r->href, note) :
		    xasprintf("embedded: %s", r->href);
	} else {
		page_warn_once(pg, "image", p.name, line, warning);
		outcome = xasprintf("alt text: %s", why);
	}
	report_add(pg->report, pg->order, pg->src, line, "image", url, outcome);
	free(outcome);
	free(p.file);
	free(p.name);
	return src;
}

void
page_unknown(struct page *pg, enum unknown_kind kind, const char *name,
    int line)
{
	char *key = xasprintf("%c\t%s\t", (char)kind, name);
	size_t n = strlen(key);

	for (size_t i = 0; i < pg->unknown.n; i++)
		if (strncmp(pg->unknown.v[i], key, n) == 0) {
			free(key);
			return;
		}
	free(key);
	key = xasprintf("%c\t%s\t%d\t%s", (char)kind, name, line, pg->src);
	strlist_add(&pg->unknown, key);
	free(key);
}

void
page_check_local(struct page *pg)
{
	const char *file = pg->file ? pg->file : "";

	for (size_t i = 0; i < pg->nlocal; i++) {
		const char *frag = pg->local[i].frag;
		char *id = links_choose_id(pg->ids, frag);

		if (id == NULL) {
			xmlNode *a = pg->local[i].a, *kid;
			warnx_at(pg->local[i].src, pg->local[i].line, "link to "
			    "'#%s': no such section on this page; its text stays, "
			    "unlinked", frag);
			report_set(pg->report, pg->local[i].row,
			    "text: no such section on this page");
			while ((kid = a->children) != NULL) {
				xmlUnlinkNode(kid);
				xmlAddPrevSibling(a, kid);
			}
			xmlUnlinkNode(a);
			xmlFreeNode(a);
		} else {
			char *href = xasprintf("%s#%s", file, id);
			set_attr(pg->local[i].a, "href", href);
			free(href);
		}
		free(id);
		free(pg->local[i].frag);
	}
	pg->nlocal = 0;
}
