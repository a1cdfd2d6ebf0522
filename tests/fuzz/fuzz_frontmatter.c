/* fuzz_frontmatter.c: libFuzzer target for front matter and hbook.yaml
 * (frontmatter.c, meta.c, config.c, yaml.c): the input is read both as
 * the book's configuration and as an article under it. */
#include <stdint.h>
#include <stdlib.h>

#include "book.h"
#include "config.h"
#include "diag.h"
#include "meta.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct book *b = book_new("fuzz");
	size_t len;
	int bad;
	char *text = utf8_repair((const char *)data, size, &len, &bad);

	diag_setup(1, 0);
	config_from_text(b, text, len);
	article_from_text(b, "fuzz/a.md", text, len);
	book_free(b);
	free(text);
	return 0;
}
