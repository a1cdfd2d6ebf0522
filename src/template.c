/* template.c: loads and fills the page skeletons. */
#include "template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <libxml/parser.h>

#include "css.h"
#include "diag.h"
#include "input.h"
#include "util.h"

/* Parsed templates, kept so each page starts from a copy: every article
 * uses the same one, and parsing it per article cost more than copying. */
static struct {
	char *dir, *name;
	xmlDoc *doc;
} cache[8];
static size_t ncache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static xmlDoc *parse_template(struct input *in, const char *dir,
    const char *name);

xmlDoc *
template_load(struct input *in, const char *dir, const char *name)
{
	xmlDoc *doc = NULL;
	size_t i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ncache; i++)
		if (strcmp(cache[i].name, name) == 0 &&
		    ((dir == NULL && cache[i].dir == NULL) ||
		    (dir != NULL && cache[i].dir != NULL &&
		    strcmp(dir, cache[i].dir) == 0)))
			break;
	if (i == ncache) {
		doc = parse_template(in, dir, name);
		if (doc != NULL && ncache < sizeof(cache) / sizeof(*cache)) {
			cache[ncache].dir = dir ? xstrdup(dir) : NULL;
			cache[ncache].name = xstrdup(name);
			cache[ncache++].doc = doc;
		} else if (doc != NULL) {
			pthread_mutex_unlock(&cache_lock);
			return doc;
		}
	}
	if (i < ncache || doc != NULL)
		doc = xmlCopyDoc(cache[i < ncache ? i : ncache - 1].doc, 1);
	pthread_mutex_unlock(&cache_lock);
	return doc;
}

void
template_free(void)
{
	for (size_t i = 0; i < ncache; i++) {
		free(cache[i].dir);
		free(cache[i].name);
		xmlFreeDoc(cache[i].doc);
	}
	ncache = 0;
}

/* Whether an attribute's value would run script. */
static int
scripted(const xmlChar *v)
{
	while (*v == ' ' || *v == '\t' || *v == '\n')
		v++;
	return xmlStrncasecmp(v, BAD_CAST "javascript:", 11) == 0 ||
	    xmlStrncasecmp(v, BAD_CAST "vbscript:", 9) == 0 ||
	    xmlStrncasecmp(v, BAD_CAST "data:text", 9) == 0;
}

struct clean {
	const char *src;         /* the template, for warnings */
	int warned;              /* one warning per template */
};

static void
removed(struct clean *c, const char *what)
{
	if (!c->warned++)
		warnx_at(c->src, 0, "%s removed from the template: a book holds "
		    "no script and fetches nothing from the web", what);
}

/* Makes a user's template as safe as the content: no script, no event
 * attribute, nothing fetched from the web, no form; style through
 * css_clean().  Returns 0, or -1 when el itself must go. */
static int
clean_el(struct clean *c, xmlNode *el)
{
	static const char *const gone[] = {"script", "iframe", "object",
	    "embed", "applet", "frame", "frameset", "form", "input", "button",
	    "select", "textarea", "base", "audio", "video", "source", "track",
	    "portal", NULL};
	const char *name = (const char *)el->name;
	xmlAttr *a, *next;
	xmlNode *k, *knext;

	for (int i = 0; gone[i]; i++)
		if (strcasecmp(name, gone[i]) == 0) {
			removed(c, name);
			return -1;
		}
	for (a = el->properties; a != NULL; a = next) {
		const char *an = (const char *)a->name;
		xmlChar *v = xmlNodeGetContent((xmlNode *)a);
		int drop = strncasecmp(an, "on", 2) == 0 || scripted(v);

		next = a->next;
		if (!drop && strcmp(name, "a") != 0 && (strcasecmp(an, "href") == 0 ||
		    strcasecmp(an, "src") == 0 || strcasecmp(an, "srcset") == 0 ||
		    strcasecmp(an, "poster") == 0 ||
		    strcasecmp(an, "background") == 0) &&
		    url_unsafe((const char *)v, (size_t)xmlStrlen(v))) {
			xmlFree(v);
			removed(c, name);
			return -1;      /* a picture or stylesheet from the web */
		}
		if (!drop && strcasecmp(an, "style") == 0) {
			size_t n;
			char *css = css_clean((const char *)v, (size_t)xmlStrlen(v),
			    c->src, &n);
			xmlSetProp(el, a->name, BAD_CAST css);
			free(css);
		}
		if (drop) {
			removed(c, an);
			xmlRemoveProp(a);
		}
		xmlFree(v);
	}
	if (strcasecmp(name, "style") == 0) {
		xmlChar *t = xmlNodeGetContent(el);
		size_t n;
		char *css = css_clean((const char *)t, (size_t)xmlStrlen(t), c->src,
		    &n);
		xmlNodeSetContentLen(el, NULL, 0);
		xmlAddChild(el, xmlNewTextLen(BAD_CAST css, (int)n));
		free(css);
		xmlFree(t);
	}
	for (k = el->children; k != NULL; k = knext) {
		knext = k->next;
		if (k->type == XML_PI_NODE || (k->type == XML_ELEMENT_NODE &&
		    clean_el(c, k) < 0)) {
			xmlUnlinkNode(k);
			xmlFreeNode(k);
		}
	}
	return 0;
}

static xmlDoc *
parse_template(struct input *in, const char *dir, const char *name)
{
	char *path = xasprintf("templates/%s", name), *data = NULL;
	char *full = dir ? path_join(dir, name) : NULL;
	size_t len;
	xmlDoc *doc;

	if (full != NULL &&
	    input_named(in, full, INPUT_MAX_FILE, &data, &len) < 0) {
		data = NULL;
		if (errno != ENOENT) {
			errx_at(full, 0, "cannot read template: %s",
			    input_error(errno));
			free(full);
			free(path);
			return NULL;
		}
	}
	if (data == NULL) {
		const unsigned char *built = embedded_get(path, &len);
		data = xstrndup((const char *)built, len);
		free(full);
		full = NULL;
	}
	doc = xmlReadMemory(data, (int)len, name, "utf-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		errx_at(dir ? dir : "templates", 0, "template %s is not "
		    "well-formed XML", name);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (full != NULL) {
		struct clean c = {full, 0};
		clean_el(&c, xmlDocGetRootElement(doc));
	}
	free(full);
	free(data);
	free(path);
	return doc;
}

static const struct field *
find(const struct field *fields, size_t n, const xmlChar *name)
{
	for (size_t i = 0; i < n; i++)
		if (xmlStrEqual(BAD_CAST fields[i].name, name))
			return fields[i].content &&
			    fields[i].content->children ? &fields[i] : NULL;
	return NULL;
}

static void
fill(xmlDoc *doc, xmlNode *el, const struct field *fields, size_t n)
{
	xmlNode *next;

	for (; el != NULL; el = next) {
		xmlChar *v;
		const struct field *f;

		next = el->next;
		if (el->type != XML_ELEMENT_NODE)
			continue;
		if ((v = xmlGetProp(el, BAD_CAST "data-hbook-if")) != NULL) {
			f = find(fields, n, v);
			xmlFree(v);
			xmlUnsetProp(el, BAD_CAST "data-hbook-if");
			if (f == NULL) {
				xmlUnlinkNode(el);
				xmlFreeNode(el);
				continue;
			}
		}
		if ((v = xmlGetProp(el, BAD_CAST "data-hbook-slot")) != NULL) {
			f = find(fields, n, v);
			xmlFree(v);
			if (f != NULL) {
				/* moved, not copied: nodes others point at
				 * (links awaiting their fragment) stay valid */
				xmlNode *c;
				while ((c = f->content->children) != NULL) {
					xmlUnlinkNode(c);
					xmlAddPrevSibling(el, c);
				}
			}
			xmlUnlinkNode(el);
			xmlFreeNode(el);
			continue;
		}
		if ((v = xmlGetProp(el, BAD_CAST "data-hbook")) != NULL) {
			f = find(fields, n, v);
			xmlFree(v);
			xmlUnsetProp(el, BAD_CAST "data-hbook");
			if (f == NULL) {
				xmlUnlinkNode(el);
				xmlFreeNode(el);
				continue;
			}
			while (el->children != NULL) {
				xmlNode *c = el->children;
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
			if (xmlStrEqual(el->name, BAD_CAST "title")) {
				/* <title> holds text only */
				xmlChar *t = xmlNodeGetContent(f->content);
				xmlNodeAddContent(el, t);
				xmlFree(t);
			} else {
				xmlAddChildList(el, xmlDocCopyNodeList(doc,
				    f->content->children));
			}
			continue;
		}
		fill(doc, el->children, fields, n);
	}
}

void
template_fill(xmlDoc *doc, const struct field *fields, size_t n)
{
	fill(doc, xmlDocGetRootElement(doc), fields, n);
}

int
stylesheet_load(struct input *in, const char *css_file, char **data,
    size_t *len)
{
	const unsigned char *built;
	char *raw;
	size_t rawlen;

	if (css_file != NULL) {
		if (input_named(in, css_file, INPUT_MAX_FILE, &raw, &rawlen) < 0) {
			errx_at(css_file, 0, "cannot read stylesheet: %s",
			    input_error(errno));
			return -1;
		}
		*data = css_clean(raw, rawlen, css_file, len);
		free(raw);
		return 0;
	}
	built = embedded_get("styles/book.css", len);
	*data = xstrndup((const char *)built, *len);
	return 0;
}
