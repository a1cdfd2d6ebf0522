/* fuzz_markdown.c: libFuzzer target for Markdown -> XHTML (markdown.c,
 * html.c, sanitize.c).  A crash, a leak, a sanitizer report or XHTML that
 * libxml2 cannot parse back is a finding: add the input to tests/regress. */
#include <stdint.h>
#include <stdlib.h>
#include <libxml/parser.h>

#include "diag.h"
#include "text.h"

char *render_fixture(const char *name, const char *md, size_t len,
    size_t *outlen);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	char *out;
	xmlDoc *doc;

	char *text;
	int bad;

	diag_setup(1, 0);
	/* as articles_load() does: text reaches the renderer as UTF-8 */
	text = utf8_repair((const char *)data, size, &len, &bad);
	/* inputs with an odd first byte render with markdown: kramdown */
	out = render_fixture(size && (data[0] & 1) ? "fuzz-kramdown.md" :
	    "fuzz.md", text, len, &len);
	free(text);
	doc = xmlReadMemory(out, (int)len, "fuzz.xhtml", "utf-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		abort();        /* not well-formed: a bug */
	xmlFreeDoc(doc);
	free(out);
	return 0;
}
