/* template.c: loads and fills the page skeletons. */
#include "template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <libxml/parser.h>

#include "diag.h"
#include "util.h"

/* Parsed templates, kept so each page starts from a copy: every article
 * uses the same one, and parsing it per article cost more than copying. */
static struct {
	char *dir, *name;
	xmlDoc *doc;
} cache[8];
static size_t ncache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static xmlDoc *parse_template(const char *dir, const char *name);

xmlDoc *
template_load(const char *dir, const char *name)
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
		doc = parse_template(dir, name);
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

static xmlDoc *
parse_template(const char *dir, const char *name)
{
	char *path = xasprintf("templates/%s", name), *data = NULL;
	size_t len;
	xmlDoc *doc;

	if (dir != NULL) {
		char *full = path_join(dir, name);
		if (file_read(full, &data, &len) < 0) {
			free(data);
			data = NULL;
			if (errno != ENOENT) {
				errx_at(full, 0, "cannot read template: %s",
				    strerror(errno));
				free(full);
				free(path);
				return NULL;
			}
		}
		free(full);
	}
	if (data == NULL) {
		const unsigned char *built = embedded_get(path, &len);
		data = xstrndup((const char *)built, len);
	}
	doc = xmlReadMemory(data, (int)len, name, "utf-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		errx_at(dir ? dir : "templates", 0, "template %s is not "
		    "well-formed XML", name);
		xmlFreeDoc(doc);
		doc = NULL;
	}
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
stylesheet_load(const char *css_file, char **data, size_t *len)
{
	const unsigned char *built;

	if (css_file != NULL) {
		if (file_read(css_file, data, len) < 0) {
			errx_at(css_file, 0, "cannot read stylesheet: %s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	built = embedded_get("styles/book.css", len);
	*data = xstrndup((const char *)built, *len);
	return 0;
}
