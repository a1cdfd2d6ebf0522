/* tomljson.c: toml-test's decoder, for tests/toml-test.py.  For each TOML
 * file named, prints one line: the file, a tab, then "ok" and a tab and
 * the tagged JSON toml-test compares ({"type": "integer", "value": "1"}),
 * or "error" and the "FILE:LINE: message" hbook would print.  With --js
 * first, the files are JavaScript modules read by jslit.c instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jslit.h"
#include "toml.h"
#include "util.h"

int read_whole(const char *path, char **data, size_t *len);

static const char *const types[] = {"", "string", "integer", "float",
    "bool", "datetime", "datetime-local", "date-local", "time-local"};

static void
json_string(const char *s, size_t len)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s;
	    p < (const unsigned char *)s + len; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p == 0x7F)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void
json(const struct ynode *n)
{
	switch (n->kind) {
	case Y_MAP:
		putchar('{');
		for (size_t i = 0; i + 1 < n->nkids; i += 2) {
			if (i)
				putchar(',');
			json_string(n->kids[i]->str, n->kids[i]->len);
			putchar(':');
			json(n->kids[i + 1]);
		}
		putchar('}');
		break;
	case Y_SEQ:
		putchar('[');
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				putchar(',');
			json(n->kids[i]);
		}
		putchar(']');
		break;
	default:
		if (n->kind == Y_NULL) {
			printf("null");
			break;
		}
		printf("{\"type\":\"%s\",\"value\":", types[n->type]);
		json_string(n->str, n->len);
		putchar('}');
		break;
	}
}

int
main(int argc, char *argv[])
{
	int js = argc > 1 && strcmp(argv[1], "--js") == 0;

	for (int i = 1 + js; i < argc; i++) {
		char *text;
		size_t len;
		int line;
		const char *msg;
		struct ydoc *d;

		if (read_whole(argv[i], &text, &len) < 0) {
			printf("%s\terror\tcannot read\n", argv[i]);
			continue;
		}
		d = js ? jslit_parse(text, len, &line, &msg) :
		    toml_parse(text, len, &line, &msg);
		if (d == NULL) {
			printf("%s\terror\t%s:%d: %s\n", argv[i], argv[i], line, msg);
		} else {
			printf("%s\tok\t", argv[i]);
			json(ydoc_root(d));
			putchar('\n');
		}
		ydoc_free(d);
		free(text);
	}
	return 0;
}
